import "server-only";
/**
 * The two route handlers every import has: preview (read the file, guess or apply the mapping, check
 * the rows, write nothing) and run (the same, then the entity's writer in one transaction, with its
 * progress streamed as NDJSON and the report at the end).
 *
 * Order matters: the session and the right to import are checked before a byte of the upload is
 * read; the declared length is checked before reading; the body is then read as a stream that stops
 * at the first byte over the limit. The upload is the raw file (the wizard posts the File itself),
 * with the mapping, duplicate mode and options in the query string, so nothing buffers a multipart
 * body first.
 */
import { type Action, type Actor, can } from "@/lib/platform/auth/permissions";
import { writeAudit } from "@/lib/platform/audit";
import { db } from "@/lib/platform/db/prisma";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { now } from "@/lib/platform/clock";
import { type ParsedCsv, readCsvStream } from "./csv-reader";
import {
  type ColumnMapping,
  type DuplicateMode,
  type FieldSpec,
  guessMapping,
  type ImportLimits,
  type ImportProblem,
  mappingProblem,
  MB,
  parseMapping,
  type ValidatedRow,
  validateRows,
} from "./field-spec";
import type { ImportProgress, ImportReport } from "./report";

export type RunOptions = { mode: DuplicateMode; flags: ReadonlySet<string> };

export type ImportTarget<F extends string, Row> = {
  spec: FieldSpec<F, Row>;
  /** The right an import needs at all, checked before the upload is read (the writer checks each row). */
  action: Action;
  /** The audit log's entity for a refused import. */
  entity: string;
  /** On/off options the run accepts (`?flag=<name>`). */
  flags?: readonly string[];
  run(actor: Actor, rows: ValidatedRow<Row>[], options: RunOptions, onProgress: ImportProgress): Promise<ImportReport>;
};

export const PREVIEW_ROWS = 20;

type Failure = { status: number; problem: ImportProblem | { code: "errors.notAllowed" } };

function failure({ status, problem }: Failure): Response {
  return Response.json({ error: problem }, { status, headers: { "cache-control": "no-store" } });
}

/** Session first, then the right: refusals never touch the body, and are logged. */
async function authorize(target: { action: Action; entity: string }, user: Actor | null): Promise<Failure | null> {
  if (!user) return { status: 401, problem: { code: "errors.notAllowed" } };
  if (!can(user, target.action)) {
    await writeAudit(await db(), { userId: user.id, action: "DENIED", entity: target.entity, detail: { action: target.action, import: true } });
    return { status: 403, problem: { code: "errors.notAllowed" } };
  }
  return null;
}

type Params<F extends string> = { mapping: ColumnMapping<F> | null; options: RunOptions };

function readParams<F extends string, Row>(target: ImportTarget<F, Row>, url: URL): Params<F> | null {
  const mapping = parseMapping(target.spec, url.searchParams.get("mapping"));
  if (!mapping.ok) return null;
  const modeParam = url.searchParams.get("mode");
  const mode = modeParam === null ? target.spec.duplicateModes[0] : target.spec.duplicateModes.find((m) => m === modeParam);
  if (!mode) return null;
  const allowed = new Set(target.flags ?? []);
  const flags = url.searchParams.getAll("flag");
  if (flags.some((f) => !allowed.has(f))) return null;
  return { mapping: mapping.mapping, options: { mode, flags: new Set(flags) } };
}

/**
 * The uploaded file, read within the limits. A declared length over the limit is refused unread; a
 * body shorter than declared (cut off on the way, e.g. by a proxy's body limit) is refused too, so a
 * truncated file is never imported as if it were whole.
 */
export async function readUpload(request: Request, limits: ImportLimits): Promise<{ ok: true; csv: ParsedCsv } | ({ ok: false } & Failure)> {
  const declared = request.headers.get("content-length");
  const length = declared !== null && /^\d{1,15}$/.test(declared) ? Number(declared) : null;
  if (length !== null && length > limits.maxBytes) return { ok: false, status: 413, problem: { code: "import.errors.tooLarge", maxMb: limits.maxBytes / MB } };
  if (length === 0 || !request.body) return { ok: false, status: 400, problem: { code: "import.errors.noFile" } };
  const read = await readCsvStream(request.body, limits);
  if (!read.ok) return { ok: false, status: read.problem.code === "import.errors.tooLarge" ? 413 : 400, problem: read.problem };
  if (length !== null && read.csv.bytes !== length) return { ok: false, status: 400, problem: { code: "import.errors.incomplete" } };
  return { ok: true, csv: read.csv };
}

/** Reads an upload and answers with its columns, the mapping, the first rows and their problems. Writes nothing. */
export async function previewImport<F extends string, Row>(target: ImportTarget<F, Row>, request: Request, user: Actor | null): Promise<Response> {
  const refused = await authorize(target, user);
  if (refused) return failure(refused);
  const params = readParams(target, new URL(request.url));
  if (!params) return failure({ status: 400, problem: { code: "import.errors.badRequest" } });
  const upload = await readUpload(request, target.spec.limits);
  if (!upload.ok) return failure(upload);
  const { csv } = upload;
  const mapping = params.mapping ?? guessMapping(target.spec, csv.headers);
  const problem = mappingProblem(target.spec, mapping, csv.headers);
  const rows = problem ? [] : validateRows(target.spec, csv, mapping, { now: now() });
  return Response.json(
    {
      headers: csv.headers,
      delimiter: csv.delimiter,
      encoding: csv.encoding,
      mapping,
      problem,
      total: csv.rows.length,
      invalid: rows.filter((r) => !r.ok).length,
      preview: rows.slice(0, PREVIEW_ROWS).map((r, i) => ({ line: r.line, cells: csv.rows[i], errors: r.ok ? [] : r.errors })),
    },
    { headers: { "cache-control": "no-store" } },
  );
}

export type RunEvent = { type: "progress"; done: number; total: number } | ({ type: "report" } & ImportReport) | { type: "error"; code: string };

/**
 * Runs an import and streams NDJSON events: progress after each batch, then the report, or an error
 * (the writer runs in one transaction, so an error means nothing was imported). `onDone` runs after
 * a successful import (cache revalidation).
 */
export async function runImport<F extends string, Row>(target: ImportTarget<F, Row>, request: Request, user: Actor | null, onDone?: () => void): Promise<Response> {
  const refused = await authorize(target, user);
  if (refused || !user) return failure(refused ?? { status: 401, problem: { code: "errors.notAllowed" } });
  const params = readParams(target, new URL(request.url));
  if (!params?.mapping) return failure({ status: 400, problem: { code: "import.errors.badRequest" } });
  const upload = await readUpload(request, target.spec.limits);
  if (!upload.ok) return failure(upload);
  const problem = mappingProblem(target.spec, params.mapping, upload.csv.headers);
  if (problem) return failure({ status: 400, problem });
  const rows = validateRows(target.spec, upload.csv, params.mapping, { now: now() });
  const encoder = new TextEncoder();
  // A reader who leaves (closed tab) does not stop the import: it runs to its end, reported to no one.
  let listening = true;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: RunEvent) => {
        if (listening) controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      };
      try {
        send({ type: "progress", done: 0, total: rows.length });
        const report = await target.run(user, rows, params.options, (done, total) => send({ type: "progress", done, total }));
        onDone?.();
        send({ type: "report", ...report });
      } catch (error) {
        if (error instanceof NotAllowedError) send({ type: "error", code: "errors.notAllowed" });
        else if (error instanceof RuleError) send({ type: "error", code: error.message });
        else {
          console.error(`[import] ${target.entity} failed, nothing was imported`, error);
          send({ type: "error", code: "import.errors.failed" });
        }
      } finally {
        if (listening) controller.close();
      }
    },
    cancel() {
      listening = false;
    },
  });
  return new Response(stream, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}
