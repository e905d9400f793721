import { readFileSync } from "node:fs";
import path from "node:path";

/** A file of ../shared/refdata (the public reference data the analytics reproduce). */
export const refdata = (file: string) => path.resolve(process.cwd(), "../shared/refdata", file);

/** The CDNOW sample's per-customer summary (x, t_x, T in weeks), as published beside the data. */
export function readCdnowSummary(): { id: number; x: number; tx: number; T: number }[] {
  const lines = readFileSync(refdata("cdnow/cdnow_customers_summary.csv"), "utf8").trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const [id, x, tx, T] = line.split(",").map(Number);
    return { id, x, tx, T };
  });
}
