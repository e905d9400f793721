import { stringify } from "csv-stringify/sync";
import { getCurrentUser } from "@/lib/auth/session";
import { type CustomerListItem, iterateCustomers, listCustomersByIds } from "@/lib/dal/customer-list";
import { parseListQuery } from "@/lib/domain/customers/list-query";
import { now } from "@/lib/platform/clock";

const COLUMNS: (keyof CustomerListItem)[] = [
  "id",
  "name",
  "kind",
  "email",
  "phone",
  "company",
  "region",
  "industry",
  "ownerName",
  "tier",
  "abcSegment",
  "lifecycleStage",
  "rfmCode",
  "rfmGroup",
  "totalSpend",
  "predictedClv",
  "churnRisk",
  "lastPurchaseAt",
  "lastContactAt",
  "dncPhone",
  "dncEmail",
  "dncMail",
  "dncSms",
];

function lines(rows: CustomerListItem[], header: boolean): string {
  return stringify(
    rows.map((r) => COLUMNS.map((c) => {
      const v = r[c];
      return v instanceof Date ? v.toISOString() : v === null ? "" : String(v);
    })),
    header ? { header: true, columns: COLUMNS } : {},
  );
}

/**
 * The current filtered list (same URL parameters as the page) or a selection (?ids=1,2,3) as CSV,
 * streamed a batch at a time so a 100,000-row export never sits in memory whole.
 */
export async function GET(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return new Response("not allowed", { status: 401 });
  const params = new URL(request.url).searchParams;
  const idsParam = params.get("ids");
  const ids = idsParam ? idsParam.split(",").map(Number).filter((n) => Number.isSafeInteger(n) && n > 0).slice(0, 1000) : null;
  const query = parseListQuery(params);
  const batches: AsyncIterable<CustomerListItem[]> = ids
    ? (async function* () {
        yield await listCustomersByIds(user, ids);
      })()
    : iterateCustomers(user, { ...query, after: undefined, before: undefined });
  const iterator = batches[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) {
        // An empty result still gets its header line.
        if (first) controller.enqueue(encoder.encode(`\uFEFF${lines([], true)}`));
        controller.close();
        return;
      }
      // The BOM makes Excel read the UTF-8 (Chinese names) correctly.
      controller.enqueue(encoder.encode(`${first ? "\uFEFF" : ""}${lines(value, first)}`));
      first = false;
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
  const stamp = now().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="customers-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
}
