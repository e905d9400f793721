import { revalidatePath } from "next/cache";
import { getCurrentUser } from "@/lib/auth/session";
import { importCustomers } from "@/lib/dal/customer-import";
import { NotAllowedError } from "@/lib/dal/errors";
import { mappingProblem, readCsv, validateRows } from "@/lib/domain/customers/csv-import";
import { readImportRequest } from "@/lib/domain/customers/import-request";

/**
 * Runs an import and streams its progress as NDJSON lines ({type:"progress",done,total}), then the
 * report ({type:"report",...}) or an error ({type:"error",code}). The DAL runs the whole import in
 * one transaction, so an error means nothing was imported.
 */
export async function POST(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: { code: "errors.notAllowed" } }, { status: 401 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return Response.json({ error: { code: "import.errors.badRequest" } }, { status: 400 });
  }
  const read = await readImportRequest(form);
  if (!read.ok) return Response.json({ error: read.problem }, { status: 400 });
  const csv = readCsv(read.request.bytes);
  if (!csv.ok) return Response.json({ error: csv.problem }, { status: 400 });
  const mapping = read.request.mapping;
  if (!mapping) return Response.json({ error: { code: "import.errors.badRequest" } }, { status: 400 });
  const problem = mappingProblem(mapping, csv.csv.headers);
  if (problem) return Response.json({ error: problem }, { status: 400 });
  const rows = validateRows(csv.csv, mapping);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
      try {
        send({ type: "progress", done: 0, total: rows.length });
        const report = await importCustomers(user, rows, read.request.mode, (done, total) => send({ type: "progress", done, total }));
        revalidatePath("/customers");
        send({ type: "report", ...report });
      } catch (error) {
        if (!(error instanceof NotAllowedError)) console.error("[import] failed, nothing was imported", error);
        send({ type: "error", code: error instanceof NotAllowedError ? "errors.notAllowed" : "import.errors.failed" });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}
