import type { Database } from "@/lib/platform/db/client";

const ROLLBACK = new Error("roll the dropped indexes back");

/**
 * The plan of a statement when `index` is the only index of `table` the planner may use: the table's
 * other indexes are dropped in a transaction that is rolled back, and sequential and plain index scans
 * are off, leaving bitmap and index-only scans. On a test database of a few rows the planner would
 * rather read the table (or walk another index) whatever the query; this asks instead whether the
 * statement's conditions let it use that index at all (e.g. imply a partial index's predicate).
 * Indexes that back a constraint stay (they cannot be dropped); a bitmap or index-only scan of the
 * key index cannot answer a condition on other columns anyway.
 */
export async function planWithOnlyIndex(db: Database, table: string, index: string, text: string, values: unknown[]): Promise<string> {
  let plan = "";
  await db.sql
    .transaction(async (tx) => {
      const others = await tx.query<{ name: string }>(
        `SELECT indexrelid::regclass::text AS name FROM pg_index
          WHERE indrelid = $1::regclass AND indexrelid <> $2::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = indexrelid)`,
        [`"${table}"`, `"${index}"`],
      );
      for (const { name } of others) await tx.exec(`DROP INDEX ${name}`);
      await tx.exec(`SET LOCAL enable_seqscan = off`);
      await tx.exec(`SET LOCAL enable_indexscan = off`);
      const rows = await tx.query<{ "QUERY PLAN": string }>(`EXPLAIN ${text}`, values);
      plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
      throw ROLLBACK;
    })
    .catch((error: unknown) => {
      if (error !== ROLLBACK) throw error;
    });
  return plan;
}
