import "server-only";
/**
 * The one CSV exporter. Rows come from the data layer in keyset batches (an async iterable, never the
 * whole result), every cell goes through the formula neutraliser, and the response streams a batch at
 * a time, pulled as the client reads. When the stream ends (finished, or cancelled by the client) an
 * audit row records who exported what: the entity, the filters, the number of rows sent and whether
 * the export was complete.
 */
import { stringify } from "csv-stringify/sync";
import type { Actor } from "@/lib/platform/auth/permissions";
import { writeAudit } from "@/lib/platform/audit";
import { db } from "@/lib/platform/db/prisma";
import { now } from "@/lib/platform/clock";
import { csvCell } from "./csv-cell";

export type CsvValue = string | number | boolean | Date | null | undefined;
export type ExportColumn<T> = { header: string; value: (row: T) => CsvValue };

export type CsvExport<T> = {
  actor: Actor;
  /** The audit log's entity, and the file name's first word ("customers-2026-06-10.csv"). */
  entity: string;
  fileStem: string;
  /** What was asked for (list filters, a selection's ids), recorded with the export. */
  filters: Record<string, unknown>;
  columns: readonly ExportColumn<T>[];
  batches: AsyncIterable<T[]>;
};

function lines<T>(columns: readonly ExportColumn<T>[], rows: T[]): string {
  return stringify(rows.map((row) => columns.map((c) => csvCell(c.value(row)))));
}

/** A streamed CSV response; the byte-order mark lets Excel read the UTF-8 (Chinese names) correctly. */
export function csvExportResponse<T>(spec: CsvExport<T>): Response {
  const iterator = spec.batches[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let rows = 0;
  let audited = false;
  const audit = async (complete: boolean) => {
    if (audited) return;
    audited = true;
    await writeAudit(await db(), { userId: spec.actor.id, action: "EXPORT", entity: spec.entity, detail: { filters: spec.filters, rows, complete } });
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${stringify([spec.columns.map((c) => c.header)])}`));
    },
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) {
        await audit(true);
        controller.close();
        return;
      }
      rows += value.length;
      controller.enqueue(encoder.encode(lines(spec.columns, value)));
    },
    async cancel() {
      await iterator.return?.(undefined);
      await audit(false);
    },
  });
  const stamp = now().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${spec.fileStem}-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
}
