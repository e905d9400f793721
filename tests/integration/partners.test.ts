import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { createPartner, getPartnerDetail, listPartnerReport, updatePartner } from "@/lib/partners/mutations";
import type { OpportunityStage } from "@/lib/generated/prisma/enums";
import { parseReportPeriod, partnerInputSchema } from "@/lib/partners/schema";
import { TEST_NOW } from "../support/clock";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
let people: People;
let alpha: number;
let beta: number;
const { period } = parseReportPeriod({ from: "2026-01-01", to: "2026-06-30" }, TEST_NOW);

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  alpha = (await createPartner(people.admin, partnerInputSchema.parse({ name: "Alpha Channel", active: true }))).id;
  beta = (await createPartner(people.admin, partnerInputSchema.parse({ name: "Beta Resellers", active: true }))).id;
  const customer = await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name: "Fixture Buyer", region: "East" } });
  const deal = (ownerId: number, created: string, stage: OpportunityStage, amount: string, closed: string | null) =>
    db.prisma.opportunity.create({
      data: { name: `${stage} ${amount}`, customerId: customer.id, partnerId: alpha, ownerId, stage, amount, probability: 10, expectedCloseDate: new Date("2026-09-01"), createdAt: new Date(created), closedAt: closed ? new Date(closed) : null },
    });
  // Hand-computed report for 2026-01-01..2026-06-30 below each line.
  await deal(people.repEast.id, "2026-02-01T10:00:00Z", "PROPOSAL", "1000.10", null); // sourced, open
  await deal(people.repEast.id, "2026-03-01T10:00:00Z", "WON", "2500.25", "2026-04-01T10:00:00Z"); // sourced, won
  await deal(people.repEast2.id, "2026-01-15T10:00:00Z", "WON", "499.99", "2026-05-01T10:00:00Z"); // sourced, won
  await deal(people.repEast.id, "2025-10-01T10:00:00Z", "LOST", "300.00", "2026-02-01T10:00:00Z"); // lost in the period, sourced before
  await deal(people.repWest.id, "2026-02-10T10:00:00Z", "NEGOTIATION", "700.00", null); // sourced, open (west)
  await deal(people.repEast.id, "2026-08-01T10:00:00Z", "WON", "9999.00", "2026-08-05T10:00:00Z"); // outside the period
  // The last day of the period counts whole: created 2026-06-30 23:30.
  await deal(people.repWest.id, "2026-06-30T23:30:00Z", "PROSPECTING", "0.01", null);
});
afterAll(() => db.close());

describe("partner sales report", () => {
  test("an admin's figures, over all deals, match the hand computation", async () => {
    const rows = await listPartnerReport(people.admin, period);
    expect(rows.find((r) => r.id === alpha)).toMatchObject({
      sourced: 5,
      openAmount: "1700.11",
      wonAmount: "3000.24",
      wonCount: 2,
      lostCount: 1,
      winRate: "66.7",
      averageDeal: "1500.12",
    });
    expect(rows.find((r) => r.id === beta)).toMatchObject({ sourced: 0, openAmount: "0.00", wonAmount: "0.00", winRate: null, averageDeal: null });
  });

  test("a manager's report covers the team's deals, a rep's only the rep's own", async () => {
    const manager = (await listPartnerReport(people.managerEast, period)).find((r) => r.id === alpha);
    expect(manager).toMatchObject({ sourced: 3, openAmount: "1000.10", wonAmount: "3000.24", wonCount: 2, lostCount: 1, winRate: "66.7", averageDeal: "1500.12" });
    const rep = (await listPartnerReport(people.repEast, period)).find((r) => r.id === alpha);
    expect(rep).toMatchObject({ sourced: 2, openAmount: "1000.10", wonAmount: "2500.25", wonCount: 1, lostCount: 1, winRate: "50.0", averageDeal: "2500.25" });
  });

  test("the detail lists only deals the actor may read; agents may not read partners", async () => {
    const detail = await getPartnerDetail(people.repEast, alpha, period);
    expect(detail?.opportunities).toHaveLength(4);
    expect(detail?.canEdit).toBe(false);
    expect((await getPartnerDetail(people.admin, alpha, period))?.opportunities).toHaveLength(7);
    await expect(listPartnerReport(people.agent, period)).rejects.toBeInstanceOf(NotAllowedError);
    expect(await getPartnerDetail(people.admin, 999_999, period)).toBeNull();
  });

  test("only an admin creates and edits partners; edits are audited; names are unique", async () => {
    await expect(createPartner(people.managerEast, partnerInputSchema.parse({ name: "Gamma", active: true }))).rejects.toBeInstanceOf(NotAllowedError);
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", entity: "Partner", userId: people.managerEast.id } })).toBe(1);
    await expect(createPartner(people.admin, partnerInputSchema.parse({ name: "alpha channel", active: true }))).rejects.toBeInstanceOf(RuleError);
    await updatePartner(people.admin, beta, 1, partnerInputSchema.parse({ name: "Beta Resellers", region: "West", active: false }));
    const audit = await db.prisma.auditLog.findFirst({ where: { entity: "Partner", entityId: String(beta), action: "UPDATE" } });
    expect(audit?.changes).toMatchObject({ region: { from: null, to: "West" }, active: { from: true, to: false } });
  });

  test("the period from the URL: defaults to this year, swaps reversed dates, ignores junk", () => {
    const now = new Date("2026-05-05T00:00:00Z");
    expect(parseReportPeriod({}, now)).toMatchObject({ from: "2026-01-01", to: "2026-12-31" });
    expect(parseReportPeriod({ from: "2026-03-01", to: "2026-02-01" }, now)).toMatchObject({ from: "2026-02-01", to: "2026-03-01" });
    expect(parseReportPeriod({ from: "yesterday" }, now).from).toBe("2026-01-01");
  });
});
