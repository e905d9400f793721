/**
 * CSV import, the pure part: decode the bytes, find the delimiter, parse, map columns to customer
 * fields and validate each row. Every problem becomes a message key the UI translates (never an
 * exception escaping to the user); the database work lives in lib/dal/customer-import.ts.
 */
import { parse } from "csv-parse/sync";
import { CustomerKind } from "@/lib/generated/prisma/enums";
import { now as clockNow } from "@/lib/platform/clock";
import { type CustomerInput, customerInputSchema } from "@/lib/validation/customer";

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;

export const IMPORT_FIELDS = ["name", "kind", "email", "phone", "company", "region", "industry", "source", "notes", "owner", "since"] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const REQUIRED_FIELDS: ImportField[] = ["name", "kind", "region"];

/** Column index per field; a field left out maps to null. */
export type ColumnMapping = Partial<Record<ImportField, number | null>>;

export type DuplicateMode = "skip" | "update" | "merge";
export const DUPLICATE_MODES: DuplicateMode[] = ["skip", "update", "merge"];

/** `lines[i]` is the file line where `rows[i]` starts (the header is line 1), for error reports. */
export type ParsedCsv = { headers: string[]; rows: string[][]; lines: number[]; delimiter: string; encoding: string };
export type CsvProblem =
  | { code: "import.errors.empty" }
  | { code: "import.errors.tooLarge"; maxMb: number }
  | { code: "import.errors.tooManyRows"; max: number }
  | { code: "import.errors.encoding" }
  | { code: "import.errors.malformed"; line: number }
  | { code: "import.errors.missingColumns"; columns: string }
  | { code: "import.errors.singleColumn" };

export type RowError = { field: ImportField | "row"; message: string };
export type ImportRow = CustomerInput & { ownerEmail: string | null; createdAt: Date | null };
export type ValidatedRow = { line: number; ok: true; value: ImportRow } | { line: number; ok: false; errors: RowError[] };

/**
 * UTF-8 (with or without BOM) and UTF-16 with a BOM are read; anything else (e.g. a GBK file saved by
 * a Chinese-locale Excel) is refused with advice rather than imported as mojibake.
 */
export function decodeCsvBytes(bytes: Uint8Array): { ok: true; text: string; encoding: string } | { ok: false; problem: CsvProblem } {
  if (bytes.length === 0) return { ok: false, problem: { code: "import.errors.empty" } };
  if (bytes.length > MAX_IMPORT_BYTES) return { ok: false, problem: { code: "import.errors.tooLarge", maxMb: MAX_IMPORT_BYTES / 1024 / 1024 } };
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder("utf-16le", { fatal: true }).decode(bytes.subarray(2)), encoding: "UTF-16LE" };
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder("utf-16be", { fatal: true }).decode(bytes.subarray(2)), encoding: "UTF-16BE" };
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    if (text.includes("\u0000")) return { ok: false, problem: { code: "import.errors.encoding" } };
    return { ok: true, text, encoding: "UTF-8" };
  } catch {
    return { ok: false, problem: { code: "import.errors.encoding" } };
  }
}

/** The delimiter that splits the header line into the most columns (comma, semicolon or tab). */
export function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  let best = ",";
  let bestCount = 0;
  for (const d of [",", ";", "\t", "|"]) {
    // Delimiters inside quotes do not split; a rough count outside quotes is enough to choose.
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

export function parseCsv(text: string): { ok: true; csv: Omit<ParsedCsv, "encoding"> } | { ok: false; problem: CsvProblem } {
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    return { ok: false, problem: { code: "import.errors.malformed", line } };
  }
  if (records.length === 0) return { ok: false, problem: { code: "import.errors.empty" } };
  if (records.length - 1 > MAX_IMPORT_ROWS) return { ok: false, problem: { code: "import.errors.tooManyRows", max: MAX_IMPORT_ROWS } };
  const [header, ...data] = records;
  return {
    ok: true,
    csv: { headers: header.record.map((h) => h.trim()), rows: data.map((r) => r.record), lines: data.map((r) => r.info.lines), delimiter },
  };
}

/** Decode + parse, the whole of reading an uploaded file. */
export function readCsv(bytes: Uint8Array): { ok: true; csv: ParsedCsv } | { ok: false; problem: CsvProblem } {
  const decoded = decodeCsvBytes(bytes);
  if (!decoded.ok) return decoded;
  const parsed = parseCsv(decoded.text);
  if (!parsed.ok) return parsed;
  return { ok: true, csv: { ...parsed.csv, encoding: decoded.encoding } };
}

// Header spellings seen in exports from other CRMs and spreadsheets, in English and Chinese.
const HEADER_ALIASES: Record<ImportField, string[]> = {
  name: ["name", "customer", "customer name", "full name", "account", "account name", "客户名称", "名称", "姓名", "客户"],
  kind: ["kind", "type", "customer type", "customer kind", "类型", "客户类型"],
  email: ["email", "e-mail", "email address", "mail", "邮箱", "电子邮件", "电子邮箱"],
  phone: ["phone", "telephone", "tel", "mobile", "phone number", "电话", "手机", "联系电话"],
  company: ["company", "organisation", "organization", "公司", "单位"],
  region: ["region", "area", "territory", "地区", "区域", "地域"],
  industry: ["industry", "sector", "行业"],
  source: ["source", "lead source", "来源", "客户来源"],
  notes: ["notes", "note", "comment", "comments", "remarks", "备注"],
  owner: ["owner", "owner email", "sales rep", "rep", "负责人", "客户经理"],
  since: ["since", "customer since", "created", "created at", "date", "创建日期", "开户日期"],
};

const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/[_\s]+/g, " ");

export function guessMapping(headers: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  for (const field of IMPORT_FIELDS) {
    const aliases = HEADER_ALIASES[field];
    const index = headers.findIndex((h, i) => !used.has(i) && aliases.includes(normaliseHeader(h)));
    mapping[field] = index >= 0 ? index : null;
    if (index >= 0) used.add(index);
  }
  return mapping;
}

export function missingRequired(mapping: ColumnMapping): ImportField[] {
  return REQUIRED_FIELDS.filter((f) => mapping[f] === undefined || mapping[f] === null);
}

/** Checks a mapping against the file: required fields present, indexes within the header. */
export function mappingProblem(mapping: ColumnMapping, headers: string[]): CsvProblem | null {
  const missing = missingRequired(mapping);
  if (missing.length > 0) return headers.length <= 1 ? { code: "import.errors.singleColumn" } : { code: "import.errors.missingColumns", columns: missing.join(", ") };
  for (const index of Object.values(mapping)) {
    if (index !== null && index !== undefined && (index < 0 || index >= headers.length)) return { code: "import.errors.missingColumns", columns: String(index) };
  }
  return null;
}

const KIND_ALIASES: Record<string, CustomerKind> = {
  enterprise: "ENTERPRISE",
  company: "ENTERPRISE",
  business: "ENTERPRISE",
  企业: "ENTERPRISE",
  individual: "INDIVIDUAL",
  person: "INDIVIDUAL",
  consumer: "INDIVIDUAL",
  个人: "INDIVIDUAL",
  government: "GOVERNMENT",
  public: "GOVERNMENT",
  政府: "GOVERNMENT",
};

export function parseKind(raw: string): CustomerKind | null {
  const value = raw.trim();
  if ((Object.values(CustomerKind) as string[]).includes(value.toUpperCase())) return value.toUpperCase() as CustomerKind;
  return KIND_ALIASES[value.toLowerCase()] ?? null;
}

/**
 * Calendar dates only (YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD), read as UTC midnight; impossible dates fail,
 * and so do dates after `now` (a customer cannot have been one since tomorrow).
 */
export function parseImportDate(raw: string, now: Date): Date | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(raw.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  if (y < 1900 || date.getTime() > now.getTime()) return null;
  return date;
}

const SIMPLE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Validates one data row (line = its line number in the file, header = 1) into a customer input. */
export function validateRow(cells: string[], mapping: ColumnMapping, line: number, now: Date): ValidatedRow {
  const cell = (field: ImportField): string => {
    const index = mapping[field];
    return index === null || index === undefined ? "" : (cells[index] ?? "").trim();
  };
  const errors: RowError[] = [];
  const kindRaw = cell("kind");
  const kind = kindRaw ? parseKind(kindRaw) : null;
  if (!kindRaw) errors.push({ field: "kind", message: "validation.required" });
  else if (!kind) errors.push({ field: "kind", message: "validation.choose" });
  const ownerRaw = cell("owner").toLowerCase();
  if (ownerRaw && !SIMPLE_EMAIL.test(ownerRaw)) errors.push({ field: "owner", message: "validation.email" });
  const sinceRaw = cell("since");
  const since = sinceRaw ? parseImportDate(sinceRaw, now) : null;
  if (sinceRaw && !since) errors.push({ field: "since", message: "customers.errors.date" });
  const parsed = customerInputSchema.safeParse({
    kind: kind ?? "ENTERPRISE",
    name: cell("name"),
    email: cell("email"),
    phone: cell("phone"),
    company: cell("company"),
    region: cell("region"),
    industry: cell("industry"),
    source: cell("source"),
    notes: cell("notes"),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push({ field: (issue.path[0] as ImportField | undefined) ?? "row", message: issue.message });
  }
  if (errors.length > 0 || !parsed.success) return { line, ok: false, errors };
  return { line, ok: true, value: { ...parsed.data, ownerId: undefined, ownerEmail: ownerRaw || null, createdAt: since } };
}

/** `now` judges "not in the future"; one instant for the whole file, from the app's clock unless given. */
export function validateRows(csv: Pick<ParsedCsv, "rows" | "lines">, mapping: ColumnMapping, now: Date = clockNow()): ValidatedRow[] {
  return csv.rows.map((cells, i) => validateRow(cells, mapping, csv.lines[i] ?? i + 2, now));
}
