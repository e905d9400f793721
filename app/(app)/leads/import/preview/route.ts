import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { readImportRequest } from "@/lib/domain/customers/import-request";
import { guessLeadMapping, type LeadColumnMapping, leadMappingProblem, readCsv, validateLeadRows } from "@/lib/domain/leads/csv-import";
import { leadMappingSchema } from "@/lib/validation/lead";

const PREVIEW_ROWS = 20;

/** Reads an uploaded lead CSV: columns, a suggested mapping and the first rows with their errors. Writes nothing. */
export async function POST(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user || !can(user, "lead.create")) return Response.json({ error: { code: "errors.notAllowed" } }, { status: user ? 403 : 401 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return Response.json({ error: { code: "import.errors.badRequest" } }, { status: 400 });
  }
  // The customer import's reader checks the file; its mapping is for customer fields, so it is read here.
  const mappingRaw = form.get("mapping");
  form.delete("mapping");
  const read = await readImportRequest(form);
  if (!read.ok) return Response.json({ error: read.problem }, { status: 400 });
  let mapping: LeadColumnMapping | null = null;
  if (typeof mappingRaw === "string" && mappingRaw) {
    const parsed = leadMappingSchema.safeParse(safeJson(mappingRaw));
    if (!parsed.success) return Response.json({ error: { code: "import.errors.badRequest" } }, { status: 400 });
    mapping = parsed.data;
  }
  const csv = readCsv(read.request.bytes);
  if (!csv.ok) return Response.json({ error: csv.problem }, { status: 400 });
  const chosen = mapping ?? guessLeadMapping(csv.csv.headers);
  const problem = leadMappingProblem(chosen, csv.csv.headers);
  const rows = problem ? [] : validateLeadRows(csv.csv, chosen);
  return Response.json({
    headers: csv.csv.headers,
    encoding: csv.csv.encoding,
    mapping: chosen,
    problem,
    total: csv.csv.rows.length,
    invalid: rows.filter((r) => !r.ok).length,
    preview: rows.slice(0, PREVIEW_ROWS).map((r, i) => ({ line: r.line, cells: csv.csv.rows[i], errors: r.ok ? [] : r.errors })),
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
