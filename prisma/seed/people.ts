/**
 * Names, e-mail addresses and phone numbers for the demo data. E-mail addresses and phone numbers
 * are unique across customers, contacts and leads, so that duplicate detection in the product only
 * finds the duplicates someone creates on purpose.
 */
import {
  BRAND_FIRST,
  BRAND_SECOND,
  BUSINESS_MAILBOXES,
  CN_GIVEN,
  CN_SURNAMES,
  COMPANY_SUFFIXES,
  DISTRICTS,
  EN_FIRST,
  EN_LAST,
  GOV_AGENCIES,
  MOBILE_PREFIXES,
  NO_SUFFIX_WORDS,
  PERSONAL_EMAIL_DOMAINS,
  type City,
  type IndustryDef,
} from "./catalog";
import { type Random, WeightedTable } from "./random";

export type PersonName = { full: string; first: string; last: string; chinese: boolean };

const personalDomains = WeightedTable.of(PERSONAL_EMAIL_DOMAINS);
const companySuffixes = WeightedTable.of(COMPANY_SUFFIXES);

export function personName(rng: Random, englishShare = 0.15): PersonName {
  if (rng.chance(englishShare)) {
    const first = rng.pick(EN_FIRST);
    const last = rng.pick(EN_LAST);
    return { full: `${first} ${last}`, first, last, chinese: false };
  }
  const last = rng.pick(CN_SURNAMES);
  const first = rng.pick(CN_GIVEN);
  // Mainland usage in English keeps the family name first.
  return { full: `${last} ${first}`, first, last, chinese: true };
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** A bijection on [0, modulus) (the multiplier is coprime to 2 and 5), so distinct serials stay distinct. */
function scramble(serial: number, modulus: number, offset: number): number {
  return (((serial * 48_271 + offset) % modulus) + modulus) % modulus;
}

export type Company = { name: string; brand: string; word: string };

/**
 * Issues unique e-mail addresses, phone numbers and organisation names. It is stateful across
 * chunks, which is fine because customers are generated strictly in order.
 */
export class IdentityRegistry {
  private readonly emails = new Set<string>();
  private readonly orgNames = new Set<string>();
  private phoneSerial = 0;

  private claimEmail(rng: Random, local: string, domain: string): string {
    let candidate = `${local}@${domain}`;
    while (this.emails.has(candidate)) {
      candidate = `${local}${rng.int(1, 9999)}@${domain}`;
    }
    this.emails.add(candidate);
    return candidate;
  }

  personalEmail(rng: Random, name: PersonName): string {
    const first = slug(name.first).replace(/-/g, "");
    const last = slug(name.last).replace(/-/g, "");
    const styles = name.chinese
      ? [`${last}${first}`, `${last}.${first}`, `${first}.${last}`, `${last}${first}${rng.int(70, 99)}`]
      : [`${first}.${last}`, `${first[0]}${last}`, `${first}${last}`];
    return this.claimEmail(rng, rng.pick(styles), personalDomains.pick(rng));
  }

  workEmail(rng: Random, name: PersonName, domain: string): string {
    const first = slug(name.first).replace(/-/g, "");
    const last = slug(name.last).replace(/-/g, "");
    return this.claimEmail(rng, name.chinese ? `${last}.${first}` : `${first}.${last}`, domain);
  }

  mailboxEmail(rng: Random, domain: string): string {
    return this.claimEmail(rng, rng.pick(BUSINESS_MAILBOXES), domain);
  }

  /** "+86 138 1234 5678"; unique because the 8 digits come from a bijection of a running serial. */
  mobile(rng: Random): string {
    const digits = String(scramble(this.phoneSerial++, 100_000_000, 13_572_468)).padStart(8, "0");
    return `+86 ${rng.pick(MOBILE_PREFIXES)} ${digits.slice(0, 4)} ${digits.slice(4)}`;
  }

  /** "+86 21 6123 4567" for the city's area code; local numbers start with 2-9 as in China. */
  landline(city: City): string {
    const local = String(20_000_000 + scramble(this.phoneSerial++, 80_000_000, 24_681_357));
    return `+86 ${city.areaCode} ${local.slice(0, 4)} ${local.slice(4)}`;
  }

  company(rng: Random, industry: IndustryDef, city: City): Company & { domain: string } {
    for (let attempt = 0; ; attempt++) {
      const brand = rng.pick(BRAND_FIRST) + rng.pick(BRAND_SECOND);
      const word = rng.pick(industry.words);
      const suffix = NO_SUFFIX_WORDS.has(word) ? "" : ` ${companySuffixes.pick(rng)}`;
      const withCity = rng.chance(0.55);
      const base = `${withCity ? `${city.name} ` : ""}${brand} ${word}${suffix}`;
      // After a few collisions, a branch qualifier keeps the name unique, as real registries do.
      const name = attempt < 6 ? base : `${base} (${city.name} Branch ${attempt - 4})`;
      if (this.orgNames.has(name)) continue;
      this.orgNames.add(name);
      const domainBase = `${slug(brand)}-${slug(word.split(" ")[0])}`;
      const tld = rng.chance(0.6) ? "com.cn" : "com";
      return { name, brand, word, domain: `${domainBase}.${tld}` };
    }
  }

  agency(rng: Random, city: City): { name: string; domain: string; code: string } {
    for (let attempt = 0; ; attempt++) {
      const agency = rng.pick(GOV_AGENCIES);
      const district = rng.chance(attempt < 3 ? 0.45 : 1) ? rng.pick(DISTRICTS) : null;
      const base = district ? `${city.name} ${district} District ${agency.name}` : `${city.name} Municipal ${agency.name}`;
      const name = attempt < 12 ? base : `${base} (Office ${attempt - 10})`;
      if (this.orgNames.has(name)) continue;
      this.orgNames.add(name);
      const citySlug = slug(city.name).replace(/-/g, "");
      const domain = district ? `${slug(district)}.${citySlug}.gov.cn` : `${citySlug}.gov.cn`;
      return { name, domain, code: agency.code };
    }
  }

  agencyEmail(rng: Random, code: string, domain: string): string {
    return this.claimEmail(rng, code, domain);
  }

  /** A company name that is not registered as a customer (for leads and employers). */
  looseCompanyName(rng: Random, industry: IndustryDef): string {
    const brand = rng.pick(BRAND_FIRST) + rng.pick(BRAND_SECOND);
    const word = rng.pick(industry.words);
    return NO_SUFFIX_WORDS.has(word) ? `${brand} ${word}` : `${brand} ${word} Co., Ltd.`;
  }
}

/** Short display name for opportunity titles ("Huaxin Logistics" from "Shanghai Huaxin Logistics Co., Ltd."). */
export function shortOrgName(name: string): string {
  return name
    .replace(/ \(.*\)$/, "")
    .replace(/ (Group Co\., Ltd\.|Co\., Ltd\.|Holdings|Corporation)$/, "");
}
