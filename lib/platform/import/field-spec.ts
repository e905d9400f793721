/**
 * The field spec of an importable entity, and everything that follows from it without I/O: which
 * column fills which field (guessed from header aliases in English and Chinese, or chosen in the
 * wizard), whether the mapping is usable, and each row checked against the entity's zod row schema
 * with its problems named per field. Pure: no database, no React, so the wizard can use it too.
 */
import { z } from "zod";

export type DuplicateMode = "skip" | "update" | "merge";
export const DUPLICATE_MODES = ["skip", "update", "merge"] as const satisfies readonly DuplicateMode[];

export type ImportLimits = {
  /** Bytes of the uploaded file, counted while it is read: the upload stops at the first byte over. */
  maxBytes: number;
  /** Data rows (the header not counted). */
  maxRows: number;
};

/** Everything that can be wrong with a file or a request as a whole; each code is an i18n key. */
export type ImportProblem =
  | { code: "import.errors.empty" }
  | { code: "import.errors.noFile" }
  | { code: "import.errors.tooLarge"; maxMb: number }
  | { code: "import.errors.tooManyRows"; max: number }
  | { code: "import.errors.encoding" }
  | { code: "import.errors.malformed"; line: number }
  | { code: "import.errors.missingColumns"; columns: string }
  | { code: "import.errors.singleColumn" }
  | { code: "import.errors.badRequest" }
  | { code: "import.errors.incomplete" };

export type RowError = { field: string; message: string };
/** A failed row keeps its `group` cell (see FieldSpec.groupBy), so its siblings fail with it. */
export type ValidatedRow<Row> = { line: number; ok: true; value: Row } | { line: number; ok: false; errors: RowError[]; group?: string };

/** Column index per field; a field left out (or null) is not in the file. */
export type ColumnMapping<F extends string = string> = Partial<Record<F, number | null>>;

/** What a row schema may depend on besides the row: one instant for the whole file. */
export type RowContext = { now: Date };

export type FieldSpec<F extends string, Row> = {
  /**
   * Namespace of the entity's own texts: `<messages>.fields.<field>`, `<messages>.report.<reason>`,
   * `<messages>.fileHint`, `<messages>.notImported`, and with several duplicate modes
   * `<messages>.duplicates` and `<messages>.modes.<mode>`.
   */
  messages: string;
  fields: readonly F[];
  required: readonly F[];
  /** Groups of fields of which at least one must be mapped (e.g. one way to find the customer). */
  requiredOneOf?: readonly (readonly F[])[];
  /**
   * Rows with the same value in this field are one record (an order's lines): the writer imports them
   * together or not at all, so a failed row names its group.
   */
  groupBy?: F;
  /** Header spellings seen in other systems' exports and spreadsheets, compared after normaliseHeader. */
  aliases: Record<F, { en: readonly string[]; zh: readonly string[] }>;
  /**
   * Checks one row, given as its cells by field (trimmed; "" when empty or not mapped), and returns
   * the typed row. Each issue's path[0] names the field it is about.
   */
  schema: (context: RowContext) => z.ZodType<Row>;
  /** The first is the default; one mode means the wizard offers no choice. */
  duplicateModes: readonly DuplicateMode[];
  limits: ImportLimits;
};

export const MB = 1024 * 1024;

/** "Customer_Name " → "customer name": case, underscores and runs of spaces do not matter. */
export function normaliseHeader(header: string): string {
  return header.trim().toLowerCase().replace(/[_\s]+/g, " ");
}

export function guessMapping<F extends string>(spec: FieldSpec<F, unknown>, headers: readonly string[]): ColumnMapping<F> {
  const normalised = headers.map(normaliseHeader);
  const mapping: ColumnMapping<F> = {};
  const used = new Set<number>();
  for (const field of spec.fields) {
    const names = new Set([normaliseHeader(field), ...spec.aliases[field].en, ...spec.aliases[field].zh].map(normaliseHeader));
    const index = normalised.findIndex((h, i) => !used.has(i) && names.has(h));
    mapping[field] = index >= 0 ? index : null;
    if (index >= 0) used.add(index);
  }
  return mapping;
}

const unmapped = <F extends string>(mapping: ColumnMapping<F>, f: F) => mapping[f] === undefined || mapping[f] === null;

/** Required fields without a column; a one-of group shows as its fields joined with " / ". */
export function missingRequired<F extends string>(spec: { required: readonly F[]; requiredOneOf?: readonly (readonly F[])[] }, mapping: ColumnMapping<F>): string[] {
  const missing: string[] = spec.required.filter((f) => unmapped(mapping, f));
  for (const group of spec.requiredOneOf ?? []) if (group.every((f) => unmapped(mapping, f))) missing.push(group.join(" / "));
  return missing;
}

/** A mapping that cannot work with this file: required fields missing, or a column that is not there. */
export function mappingProblem<F extends string>(spec: FieldSpec<F, unknown>, mapping: ColumnMapping<F>, headers: readonly string[]): ImportProblem | null {
  const missing = missingRequired(spec, mapping);
  // One column usually means the file is separated by something else than we detected.
  if (missing.length > 0) return headers.length <= 1 ? { code: "import.errors.singleColumn" } : { code: "import.errors.missingColumns", columns: missing.join(", ") };
  for (const field of spec.fields) {
    const index = mapping[field];
    if (index !== null && index !== undefined && (index < 0 || index >= headers.length)) return { code: "import.errors.missingColumns", columns: field };
  }
  return null;
}

/**
 * The mapping as the wizard sends it (JSON): only the spec's fields as keys, so `__proto__`,
 * `constructor` or any other key is refused rather than copied anywhere.
 */
export function mappingSchema<F extends string>(spec: FieldSpec<F, unknown>): z.ZodType<ColumnMapping<F>> {
  const column = z.number().int().min(0).max(1000).nullable().optional();
  // A strict object, not a record: zod's records drop a `__proto__` key silently, this refuses it.
  return z.strictObject(Object.fromEntries(spec.fields.map((f) => [f, column]))).transform((m) => m as ColumnMapping<F>);
}

/** Parses the mapping parameter; null when absent, an error when present but not a valid mapping. */
export function parseMapping<F extends string>(spec: FieldSpec<F, unknown>, raw: string | null): { ok: true; mapping: ColumnMapping<F> | null } | { ok: false } {
  if (raw === null || raw === "") return { ok: true, mapping: null };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false };
  }
  const parsed = mappingSchema(spec).safeParse(json);
  return parsed.success ? { ok: true, mapping: parsed.data } : { ok: false };
}

/** One row's cells by field, as the row schema reads them. */
export function cellsByField<F extends string>(spec: FieldSpec<F, unknown>, cells: readonly string[], mapping: ColumnMapping<F>): Record<F, string> {
  const out = {} as Record<F, string>;
  for (const field of spec.fields) {
    const index = mapping[field];
    out[field] = index === null || index === undefined ? "" : (cells[index] ?? "").trim();
  }
  return out;
}

/**
 * Checks every row. `lines[i]` is the file line of `rows[i]` (the header is line 1), so reports point
 * at the line a person sees in their editor.
 */
export function validateRows<F extends string, Row>(
  spec: FieldSpec<F, Row>,
  csv: { rows: readonly (readonly string[])[]; lines: readonly number[] },
  mapping: ColumnMapping<F>,
  context: RowContext,
): ValidatedRow<Row>[] {
  const schema = spec.schema(context);
  const known = new Set<string>(spec.fields);
  return csv.rows.map((cells, i) => {
    const line = csv.lines[i] ?? i + 2;
    const parsed = schema.safeParse(cellsByField(spec, cells, mapping));
    if (parsed.success) return { line, ok: true, value: parsed.data };
    const groupIndex = spec.groupBy === undefined ? undefined : mapping[spec.groupBy];
    const group = groupIndex === null || groupIndex === undefined ? undefined : (cells[groupIndex] ?? "").trim() || undefined;
    const seen = new Set<string>();
    const errors: RowError[] = [];
    for (const issue of parsed.error.issues) {
      const head = issue.path[0];
      const field = typeof head === "string" && known.has(head) ? head : "row";
      const key = `${field}\u0000${issue.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      errors.push({ field, message: issue.message });
    }
    return group === undefined ? { line, ok: false, errors } : { line, ok: false, errors, group };
  });
}

/** What the generic wizard needs to know about an import, as plain data a page can hand to it. */
export type WizardConfig = {
  messages: string;
  /** The routes are `<endpoint>/preview` and `<endpoint>/run`. */
  endpoint: string;
  fields: string[];
  required: string[];
  requiredOneOf: string[][];
  modes: DuplicateMode[];
  maxBytes: number;
  /** On/off options the run accepts, each with the i18n key of its label. */
  flags: { name: string; label: string }[];
};

export function wizardConfig<F extends string>(spec: FieldSpec<F, unknown>, endpoint: string, flags: WizardConfig["flags"] = []): WizardConfig {
  return {
    messages: spec.messages,
    endpoint,
    fields: [...spec.fields],
    required: [...spec.required],
    requiredOneOf: (spec.requiredOneOf ?? []).map((g) => [...g]),
    modes: [...spec.duplicateModes],
    maxBytes: spec.limits.maxBytes,
    flags,
  };
}
