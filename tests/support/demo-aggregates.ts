import type { DemoHistory } from "@/prisma/seed/history";
import type { CustomerAggregate } from "@/lib/scoring/rules/score-period";

const DAY_MS = 86_400_000;

/**
 * The score job's aggregate query (lib/scoring/recompute.ts, AGGREGATE_SQL) over an in-memory
 * demo history: completed orders up to the period end, merged per customer and day; customers
 * created by the period end. tests/integration/first-start.test.ts checks that it returns what the
 * SQL returns on the same seeded data, so the many-dates test can skip the database.
 */
export function aggregateDemoHistory(history: DemoHistory, bounds: { startDay: number; endDay: number; recentStartDay: number }): CustomerAggregate[] {
  const { startDay, endDay, recentStartDay } = bounds;
  const byCustomer = new Map<number, Map<number, { amount: number; margin: number; n: number }>>();
  for (const o of history.orders) {
    if (o.status !== "COMPLETED") continue;
    const day = Math.floor(o.orderedAt / DAY_MS);
    if (day > endDay) continue;
    let days = byCustomer.get(o.customerId);
    if (!days) byCustomer.set(o.customerId, (days = new Map()));
    const cell = days.get(day) ?? { amount: 0, margin: 0, n: 0 };
    cell.amount += o.total;
    cell.margin += o.margin;
    cell.n += 1;
    days.set(day, cell);
  }
  const rows: CustomerAggregate[] = [];
  const customers = history.customers.filter((c) => Math.floor(c.createdAt / DAY_MS) <= endDay).sort((a, b) => a.id - b.id);
  for (const c of customers) {
    const row: CustomerAggregate = {
      id: c.id,
      firstDay: null,
      lastDay: null,
      purchaseDays: 0,
      totalSpend: 0,
      totalMargin: 0,
      firstAmount: 0,
      periodSpend: 0,
      periodMargin: 0,
      periodOrders: 0,
      periodLast: null,
      recentSpend: 0,
      previousSpend: 0,
    };
    const days = byCustomer.get(c.id);
    if (days) {
      for (const [day, cell] of [...days.entries()].sort((a, b) => a[0] - b[0])) {
        if (row.firstDay === null) {
          row.firstDay = day;
          row.firstAmount = cell.amount;
        }
        row.lastDay = day;
        row.purchaseDays++;
        row.totalSpend += cell.amount;
        row.totalMargin += cell.margin;
        if (day >= startDay) {
          row.periodSpend += cell.amount;
          row.periodMargin += cell.margin;
          row.periodOrders += cell.n;
          row.periodLast = day;
          if (day >= recentStartDay) row.recentSpend += cell.amount;
          else row.previousSpend += cell.amount;
        }
      }
    }
    rows.push(row);
  }
  return rows;
}
