import { now } from "@/lib/platform/clock";
import { readCsvBytes } from "@/lib/platform/import/csv-reader";
import { type FieldSpec, guessMapping, type ValidatedRow, validateRows } from "@/lib/platform/import/field-spec";

/** A CSV text read, mapped by its headers and checked as the import routes do, for the writers' tests. */
export async function csvRows<F extends string, Row>(spec: FieldSpec<F, Row>, text: string): Promise<ValidatedRow<Row>[]> {
  const csv = await readCsvBytes(new TextEncoder().encode(text), spec.limits);
  if (!csv.ok) throw new Error(csv.problem.code);
  return validateRows(spec, csv.csv, guessMapping(spec, csv.csv.headers), { now: now() });
}
