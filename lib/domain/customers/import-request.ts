/**
 * The import requests' form fields (file, column mapping, duplicate mode), checked the same way by
 * the preview and the run route.
 */
import { z } from "zod";
import { type ColumnMapping, DUPLICATE_MODES, type DuplicateMode, IMPORT_FIELDS, MAX_IMPORT_BYTES } from "./csv-import";

const mappingSchema = z.record(z.enum(IMPORT_FIELDS), z.number().int().min(0).max(500).nullable());

export type ImportRequest = { bytes: Uint8Array; mapping: ColumnMapping | null; mode: DuplicateMode };
export type ImportRequestProblem = { code: "import.errors.noFile" | "import.errors.tooLarge" | "import.errors.badRequest"; maxMb?: number };

export async function readImportRequest(form: FormData): Promise<{ ok: true; request: ImportRequest } | { ok: false; problem: ImportRequestProblem }> {
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0) return { ok: false, problem: { code: "import.errors.noFile" } };
  if (file.size > MAX_IMPORT_BYTES) return { ok: false, problem: { code: "import.errors.tooLarge", maxMb: MAX_IMPORT_BYTES / 1024 / 1024 } };
  let mapping: ColumnMapping | null = null;
  const rawMapping = form.get("mapping");
  if (typeof rawMapping === "string" && rawMapping) {
    try {
      const parsed = mappingSchema.safeParse(JSON.parse(rawMapping));
      if (!parsed.success) return { ok: false, problem: { code: "import.errors.badRequest" } };
      mapping = parsed.data;
    } catch {
      return { ok: false, problem: { code: "import.errors.badRequest" } };
    }
  }
  const rawMode = form.get("mode");
  const mode = (DUPLICATE_MODES as string[]).includes(String(rawMode)) ? (rawMode as DuplicateMode) : "skip";
  return { ok: true, request: { bytes: new Uint8Array(await file.arrayBuffer()), mapping, mode } };
}
