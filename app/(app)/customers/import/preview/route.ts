import { getCurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { guessMapping, mappingProblem, readCsv, validateRows } from "@/lib/domain/customers/csv-import";
import { readImportRequest } from "@/lib/domain/customers/import-request";

const PREVIEW_ROWS = 20;

/**
 * Reads an uploaded CSV and answers with its columns, a suggested mapping and the first rows with
 * their validation errors. Nothing is written. Every malformed input is a 400 with a message key.
 */
export async function POST(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: { code: "errors.notAllowed" } }, { status: 401 });
  if (!can(user, "customer.create")) return Response.json({ error: { code: "errors.notAllowed" } }, { status: 403 });
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
  const { headers, delimiter, encoding } = csv.csv;
  const mapping = read.request.mapping ?? guessMapping(headers);
  const problem = mappingProblem(mapping, headers);
  const rows = problem ? [] : validateRows(csv.csv, mapping);
  return Response.json({
    headers,
    delimiter,
    encoding,
    mapping,
    problem,
    total: csv.csv.rows.length,
    invalid: rows.filter((r) => !r.ok).length,
    preview: rows.slice(0, PREVIEW_ROWS).map((r, i) => ({ line: r.line, cells: csv.csv.rows[i], errors: r.ok ? [] : r.errors })),
  });
}
