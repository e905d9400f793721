import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ConflictError, NotAllowedError, RuleError } from "@/lib/platform/errors";
import { getPipelineDashboard } from "@/lib/dashboards/pipeline";
import { getTargetGrid, saveSalesTargets } from "@/lib/dashboards/targets";
import { salesTargetInputSchema, type TargetCell, targetCellSchema } from "@/lib/dashboards/schema";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
let people: People;

const cell = (kind: "user" | "team", id: number, amount: string, was = "", month = "2026-06"): TargetCell =>
  targetCellSchema.parse({ kind, id, month, amount, was });
const stored = async (where: { userId?: number; teamId?: number }) =>
  (await db.prisma.salesTarget.findFirst({ where: { ...where, month: new Date("2026-06-01T00:00:00Z") } }))?.amount.toFixed(2) ?? null;

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
});
afterAll(() => db.close());

describe("validation", () => {
  test.each([
    ["0", "0"],
    ["1234.5", "1234.5"],
    ["1,000.25", "1000.25"],
    ["¥ 2 000", "2000"],
  ])("accepts amount %s as %s", (amount, parsed) => {
    expect(salesTargetInputSchema.parse({ userId: 3, month: "2026-06", amount }).amount).toBe(parsed);
  });

  test.each([
    [{ userId: 3, month: "2026-06", amount: "-1" }, "amount", "salesTargets.errors.amount"],
    [{ userId: 3, month: "2026-06", amount: "1.234" }, "amount", "salesTargets.errors.amount"],
    [{ userId: 3, month: "2026-06", amount: "ten" }, "amount", "salesTargets.errors.amount"],
    [{ userId: 3, month: "2026-06", amount: "" }, "amount", "validation.required"],
    [{ userId: 3, month: "2026-13", amount: "1" }, "month", "salesTargets.errors.month"],
    [{ userId: 3, teamId: 1, month: "2026-06", amount: "1" }, "userId", "salesTargets.errors.owner"],
    [{ month: "2026-06", amount: "1" }, "userId", "salesTargets.errors.owner"],
  ])("refuses %j on %s", (input, path, message) => {
    const result = salesTargetInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((i) => i.path[0] === path)?.message).toBe(message);
  });
});

describe("permissions", () => {
  test("a manager sets the team's and its reps' targets, each change audited", async () => {
    const team = people.managerEast.teamId as number;
    await saveSalesTargets(people.managerEast, [cell("team", team, "9000"), cell("user", people.repEast.id, "3000.50")]);
    expect(await stored({ teamId: team })).toBe("9000.00");
    expect(await stored({ userId: people.repEast.id })).toBe("3000.50");
    const audits = await db.prisma.auditLog.findMany({ where: { entity: "SalesTarget", action: "CREATE", userId: people.managerEast.id } });
    expect(audits).toHaveLength(2);
    expect(JSON.stringify(audits[1].changes)).toContain("3000.50");
  });

  test("a manager cannot set another team's or its reps' target; the refusal is logged and nothing changes", async () => {
    const west = people.repWest.teamId as number;
    await expect(saveSalesTargets(people.managerEast, [cell("user", people.repWest.id, "1")])).rejects.toBeInstanceOf(NotAllowedError);
    // A permitted cell before a refused one is rolled back with it.
    await expect(saveSalesTargets(people.managerEast, [cell("user", people.repEast2.id, "5"), cell("team", west, "1")])).rejects.toBeInstanceOf(NotAllowedError);
    expect(await stored({ userId: people.repWest.id })).toBeNull();
    expect(await stored({ teamId: west })).toBeNull();
    expect(await stored({ userId: people.repEast2.id })).toBeNull();
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", entity: "SalesTarget", userId: people.managerEast.id } })).toBe(2);
  });

  test("reps and agents set no targets and get no editor; an admin sets any team's", async () => {
    await expect(saveSalesTargets(people.repEast, [cell("user", people.repEast.id, "1", "3000.50")])).rejects.toBeInstanceOf(NotAllowedError);
    await expect(getTargetGrid(people.agent, {})).rejects.toBeInstanceOf(NotAllowedError);
    await saveSalesTargets(people.admin, [cell("team", people.repWest.teamId as number, "7000")]);
    expect(await stored({ teamId: people.repWest.teamId as number })).toBe("7000.00");
    await expect(saveSalesTargets(people.admin, [cell("user", people.managerEast.id, "1")])).rejects.toBeInstanceOf(RuleError);
  });

  test("the editor shows a manager their own team only, an admin any team", async () => {
    const grid = await getTargetGrid(people.managerEast, { team: people.repWest.teamId as number, from: "2026-05" });
    expect(grid.teams.map((t) => t.id)).toEqual([people.managerEast.teamId]);
    expect(grid.team?.id).toBe(people.managerEast.teamId);
    expect(grid.months).toEqual(["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]);
    expect(grid.rows.map((r) => [r.kind, r.id, r.amounts["2026-06"]])).toEqual([
      ["team", people.managerEast.teamId, "9000.00"],
      ["user", people.repEast.id, "3000.50"],
      ["user", people.repEast2.id, null],
    ]);
    const admin = await getTargetGrid(people.admin, { team: people.repWest.teamId as number, from: "2026-06" });
    expect(admin.teams.length).toBe(2);
    expect(admin.rows[0]).toMatchObject({ kind: "team", id: people.repWest.teamId, amounts: { "2026-06": "7000.00" } });
  });
});

describe("concurrency and changes", () => {
  test("saving over someone else's change is a conflict showing the current amount; nothing is saved", async () => {
    const id = people.repEast.id;
    // Both loaded 3000.50; the admin saves first.
    await saveSalesTargets(people.admin, [cell("user", id, "3100", "3000.50")]);
    const error = await saveSalesTargets(people.managerEast, [cell("team", people.managerEast.teamId as number, "9500", "9000"), cell("user", id, "3200", "3000.50")]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).changes).toEqual([{ field: `user:${id}:2026-06`, old: "3000.50", current: "3100.00" }]);
    expect(await stored({ userId: id })).toBe("3100.00");
    expect(await stored({ teamId: people.managerEast.teamId as number })).toBe("9000.00");
  });

  test("an update and a clear are audited with before and after; the forecast uses the new target", async () => {
    const id = people.repEast.id;
    await saveSalesTargets(people.managerEast, [cell("user", id, "4000", "3100.00")]);
    const update = await db.prisma.auditLog.findFirst({ where: { entity: "SalesTarget", action: "UPDATE" }, orderBy: { id: "desc" } });
    expect(update?.changes).toMatchObject({ amount: { from: "3100.00", to: "4000.00" } });
    const dash = await getPipelineDashboard(people.repEast, { from: "2026-06", to: "2026-06" }, new Date("2026-06-10T00:00:00Z"));
    expect(dash.forecast.months[0].target).toBe("4000.00");
    await saveSalesTargets(people.managerEast, [cell("user", id, "", "4000.00")]);
    expect(await stored({ userId: id })).toBeNull();
    expect(await db.prisma.auditLog.count({ where: { entity: "SalesTarget", action: "DELETE" } })).toBe(1);
    const after = await getPipelineDashboard(people.repEast, { from: "2026-06", to: "2026-06" }, new Date("2026-06-10T00:00:00Z"));
    expect(after.forecast.months[0].target).toBeNull();
  });
});
