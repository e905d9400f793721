/**
 * Duplicate detection: the same email, the same phone, or a very similar name in the same region.
 * The database finds candidates with trigram indexes; these functions decide, with the same
 * trigram measure as PostgreSQL's pg_trgm, so create, import and tests agree on what a duplicate is.
 */

export type DuplicateReason = "email" | "phone" | "name";

export type DuplicateProbe = { name: string; email?: string | null; phone?: string | null; region?: string | null };
export type DuplicateCandidate = DuplicateProbe & { id: number };
export type DuplicateMatch = { id: number; reasons: DuplicateReason[]; similarity: number };

/** Names at least this similar (pg_trgm similarity, 0–1) in the same region count as duplicates. */
export const NAME_SIMILARITY_THRESHOLD = 0.6;

// Legal-form words say nothing about which organisation it is: "Acme Ltd" and "Acme Co., Ltd." are one.
const NOISE_WORDS = new Set(["co", "company", "ltd", "limited", "inc", "corp", "corporation", "llc", "plc", "group", "the", "有限公司", "公司", "集团"]);

export function normaliseEmail(email: string | null | undefined): string | null {
  const value = email?.trim().toLowerCase();
  return value ? value : null;
}

/**
 * The comparable part of a phone number: its digits without an international prefix (00 or +) and
 * without China's country code 86 when a full national number follows, so "+86 138 1234 5678",
 * "0086 13812345678" and "138-1234-5678" are one number.
 */
export function phoneKey(phone: string | null | undefined): string | null {
  let digits = (phone ?? "").replace(/\D/g, "");
  if (digits.startsWith("00")) digits = digits.slice(2);
  if (digits.startsWith("86") && digits.length >= 12) digits = digits.slice(2);
  // Domestic trunk prefix 0 before an area code: 021 6123 4567 is 21 6123 4567.
  if (digits.startsWith("0") && digits.length >= 10) digits = digits.slice(1);
  return digits.length >= 6 ? digits : null;
}

export function normaliseName(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[.,()（）'’"&/\\-]/g, " ")
    .split(/\s+/)
    .filter((w) => w && !NOISE_WORDS.has(w))
    .join(" ");
}

/** pg_trgm's trigrams: per word, padded with two spaces before and one after, lower-cased, alphanumerics only. */
export function trigrams(value: string): Set<string> {
  const out = new Set<string>();
  const words = value.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  for (const word of words) {
    const padded = `  ${word} `;
    const chars = Array.from(padded);
    for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(""));
  }
  return out;
}

/** pg_trgm `similarity`: shared trigrams over the union. */
export function similarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

function sameRegion(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Why `candidate` looks like the same customer as `probe`, or null when it does not. */
export function matchDuplicate(probe: DuplicateProbe, candidate: DuplicateCandidate): DuplicateMatch | null {
  const reasons: DuplicateReason[] = [];
  const email = normaliseEmail(probe.email);
  if (email && email === normaliseEmail(candidate.email)) reasons.push("email");
  const phone = phoneKey(probe.phone);
  if (phone && phone === phoneKey(candidate.phone)) reasons.push("phone");
  const score = similarity(normaliseName(probe.name), normaliseName(candidate.name));
  if (score >= NAME_SIMILARITY_THRESHOLD && sameRegion(probe.region, candidate.region)) reasons.push("name");
  return reasons.length > 0 ? { id: candidate.id, reasons, similarity: score } : null;
}

/** The matches among `candidates`, strongest first (more reasons, then more similar names). */
export function findDuplicates(probe: DuplicateProbe, candidates: DuplicateCandidate[]): DuplicateMatch[] {
  return candidates
    .map((c) => matchDuplicate(probe, c))
    .filter((m): m is DuplicateMatch => m !== null)
    .sort((a, b) => b.reasons.length - a.reasons.length || b.similarity - a.similarity || a.id - b.id);
}
