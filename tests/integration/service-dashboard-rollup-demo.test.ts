import { afterAll, beforeAll, expect, test } from "vitest";
import type { Actor } from "@/lib/platform/auth/permissions";
import { fixClock, resetClock } from "@/lib/platform/clock";
import { getServiceDashboard, type ServiceFilters } from "@/lib/dashboards/service";
import { refreshServiceRollup } from "@/lib/dashboards/service-rollup";
import { seedDemoData } from "@/prisma/seed/generate";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * The demo company (its seed writes tickets with the triggers off, before any rollup exists): the
 * rollup built on the first read gives the one pass's figures, and still does after tickets change.
 */
const NOW = new Date("2026-06-15T09:30:00.000Z");
let db: TestDatabase;

beforeAll(async () => {
  fixClock(NOW);
  db = await createTestDatabase();
  await seedDemoData(db.sql, { customers: 400, now: NOW });
}, 300_000);

afterAll(async () => {
  resetClock();
  await db.close();
});

async function expectSame(): Promise<void> {
  const [admin] = await db.sql.query<{ id: number; teamId: number | null }>(`SELECT "id", "teamId" FROM "User" WHERE "role" = 'ADMIN' ORDER BY "id" LIMIT 1`);
  const [agent] = await db.sql.query<{ id: number; teamId: number | null }>(
    `SELECT u."id", u."teamId" FROM "User" u JOIN "Ticket" t ON t."assigneeId" = u."id" WHERE u."role" = 'AGENT' GROUP BY u."id" ORDER BY count(*) DESC, u."id" LIMIT 1`,
  );
  const actor: Actor = { id: admin.id, role: "ADMIN", teamId: admin.teamId };
  const filters: ServiceFilters[] = [{}, { period: "7d" }, { period: "90d" }, { period: "365d" }, { from: "2026-01", to: "2026-06" }, { period: "365d", team: agent.teamId ?? undefined }, { category: "billing", tier: "VIP" }];
  let tickets = 0;
  for (const f of filters) {
    const rolled = await getServiceDashboard(actor, f, NOW, { period: "rollup" });
    expect(rolled, JSON.stringify(f)).toEqual(await getServiceDashboard(actor, f, NOW, { period: "pass" }));
    tickets += rolled.totals.opened.count;
  }
  expect(tickets).toBeGreaterThan(0);
}

test("the demo company: the rollup's figures are the one pass's, before and after changes and a refresh", async () => {
  await expectSame();
  await db.sql.exec(`UPDATE "Ticket" SET "satisfaction" = 5, "satisfactionAt" = NULL WHERE "resolvedAt" IS NOT NULL AND "id" % 5 = 0`);
  await db.sql.exec(`UPDATE "Ticket" SET "assigneeId" = NULL WHERE "id" % 11 = 0`);
  await expectSame();
  await refreshServiceRollup();
  await expectSame();
}, 300_000);
