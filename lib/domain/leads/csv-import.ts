/**
 * Lead CSV import, the pure part. Reading the file (encoding, delimiter, malformed lines, size
 * limits) is the customer import's: only the fields, their header aliases and the row validation
 * differ for leads.
 */
import { type CsvProblem, readCsv } from "@/lib/domain/customers/csv-import";
import { leadInputSchema, type LeadInput } from "@/lib/validation/lead";
import { LEAD_IMPORT_FIELDS, type LeadImportField } from "./import-fields";

export { readCsv };

export { LEAD_IMPORT_FIELDS, type LeadImportField };
export const LEAD_REQUIRED_FIELDS: LeadImportField[] = ["name", "source"];

export type LeadColumnMapping = Partial<Record<LeadImportField, number | null>>;
export type LeadRowError = { field: LeadImportField | "row"; message: string };
export type LeadImportRow = Omit<LeadInput, "ownerId"> & { ownerEmail: string | null };
export type ValidatedLeadRow = { line: number; ok: true; value: LeadImportRow } | { line: number; ok: false; errors: LeadRowError[] };

const HEADER_ALIASES: Record<LeadImportField, string[]> = {
  name: ["name", "full name", "contact", "contact name", "lead", "lead name", "person", "姓名", "联系人", "线索", "名称"],
  company: ["company", "company name", "organisation", "organization", "account", "公司", "单位", "公司名称"],
  email: ["email", "e-mail", "email address", "mail", "邮箱", "电子邮件", "电子邮箱"],
  phone: ["phone", "telephone", "tel", "mobile", "phone number", "电话", "手机", "联系电话"],
  region: ["region", "area", "territory", "地区", "区域"],
  source: ["source", "lead source", "channel", "来源", "线索来源"],
  owner: ["owner", "owner email", "sales rep", "rep", "负责人", "销售"],
};

const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/[_\s]+/g, " ");

export function guessLeadMapping(headers: string[]): LeadColumnMapping {
  const mapping: LeadColumnMapping = {};
  const used = new Set<number>();
  for (const field of LEAD_IMPORT_FIELDS) {
    const index = headers.findIndex((h, i) => !used.has(i) && HEADER_ALIASES[field].includes(normaliseHeader(h)));
    mapping[field] = index >= 0 ? index : null;
    if (index >= 0) used.add(index);
  }
  return mapping;
}

export function leadMappingProblem(mapping: LeadColumnMapping, headers: string[]): CsvProblem | null {
  const missing = LEAD_REQUIRED_FIELDS.filter((f) => mapping[f] === undefined || mapping[f] === null);
  if (missing.length > 0) return headers.length <= 1 ? { code: "import.errors.singleColumn" } : { code: "import.errors.missingColumns", columns: missing.join(", ") };
  for (const index of Object.values(mapping)) {
    if (index !== null && index !== undefined && (index < 0 || index >= headers.length)) return { code: "import.errors.missingColumns", columns: String(index) };
  }
  return null;
}

const SIMPLE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateLeadRow(cells: string[], mapping: LeadColumnMapping, line: number): ValidatedLeadRow {
  const cell = (field: LeadImportField): string => {
    const index = mapping[field];
    return index === null || index === undefined ? "" : (cells[index] ?? "").trim();
  };
  const errors: LeadRowError[] = [];
  const ownerRaw = cell("owner").toLowerCase();
  if (ownerRaw && !SIMPLE_EMAIL.test(ownerRaw)) errors.push({ field: "owner", message: "validation.email" });
  const parsed = leadInputSchema.safeParse({
    name: cell("name"),
    company: cell("company"),
    email: cell("email"),
    phone: cell("phone"),
    region: cell("region"),
    source: cell("source"),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push({ field: (issue.path[0] as LeadImportField | undefined) ?? "row", message: issue.message });
  }
  if (errors.length > 0 || !parsed.success) return { line, ok: false, errors };
  const { name, company, email, phone, region, source } = parsed.data;
  return { line, ok: true, value: { name, company, email, phone, region, source, ownerEmail: ownerRaw || null } };
}

export function validateLeadRows(csv: { rows: string[][]; lines: number[] }, mapping: LeadColumnMapping): ValidatedLeadRow[] {
  return csv.rows.map((cells, i) => validateLeadRow(cells, mapping, csv.lines[i] ?? i + 2));
}

/** The keys by which two leads are the same person: email, else name + company. */
export function leadDuplicateKeys(row: { name: string; company: string | null; email: string | null }): string[] {
  const keys: string[] = [];
  if (row.email) keys.push(`e:${row.email.toLowerCase()}`);
  keys.push(`n:${row.name.trim().toLowerCase()}|${(row.company ?? "").trim().toLowerCase()}`);
  return keys;
}
