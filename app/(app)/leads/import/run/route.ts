import { revalidatePath } from "next/cache";
import { getCurrentUser } from "@/lib/auth/session";
import { NotAllowedError, RuleError } from "@/lib/dal/errors";
import { importLeads } from "@/lib/dal/lead-import";
import { readImportRequest } from "@/lib/domain/customers/import-request";
import { leadMappingProblem, readCsv, validateLeadRows } from "@/lib/domain/leads/csv-import";
import { leadMappingSchema } from "@/lib/validation/lead";

/** Runs a lead import in one transaction and answers with the report (or an error code: nothing imported). */
export async function POST(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: { code: "errors.notAllowed" } }, { status: 401 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return Response.json({ error: { code: "import.errors.badRequest" } }, { status: 400 });
  }
  const mappingRaw = form.get("mapping");
  form.delete("mapping");
  const roundRobin = form.get("roundRobin") === "yes";
  const read = await readImportRequest(form);
  if (!read.ok) return Response.json({ error: read.problem }, { status: 400 });
  let mappingJson: unknown = null;
  try {
    mappingJson = JSON.parse(String(mappingRaw));
  } catch {
    return Response.json({ error: { code: "import.errors.badRequest" } }, { status: 400 });
  }
  const mapping = leadMappingSchema.safeParse(mappingJson);
  if (!mapping.success) return Response.json({ error: { code: "import.errors.badRequest" } }, { status: 400 });
  const csv = readCsv(read.request.bytes);
  if (!csv.ok) return Response.json({ error: csv.problem }, { status: 400 });
  const problem = leadMappingProblem(mapping.data, csv.csv.headers);
  if (problem) return Response.json({ error: problem }, { status: 400 });
  try {
    const report = await importLeads(user, validateLeadRows(csv.csv, mapping.data), { roundRobin });
    revalidatePath("/leads");
    return Response.json(report);
  } catch (error) {
    if (error instanceof NotAllowedError) return Response.json({ error: { code: "errors.notAllowed" } }, { status: 403 });
    if (error instanceof RuleError) return Response.json({ error: { code: error.message } }, { status: 400 });
    console.error("[lead import] failed, nothing was imported", error);
    return Response.json({ error: { code: "import.errors.failed" } }, { status: 500 });
  }
}
