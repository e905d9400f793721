import { describe, expect, test } from "vitest";
import { conversionDefaults, needsContact } from "@/lib/leads/rules/conversion";
import { leadImportSpec } from "@/lib/leads/rules/import-spec";
import { guessMapping, mappingProblem, validateRows } from "@/lib/platform/import/field-spec";
import { TEST_NOW } from "../../support/clock";
import { parseLeadListQuery, serializeLeadListQuery } from "@/lib/leads/rules/list-query";
import { nextAssignee, nextAssignees, rotationOf } from "@/lib/leads/rules/round-robin";
import { canConvert, nextStatuses, statusChangeProblem } from "@/lib/leads/rules/status";

describe("round-robin choice", () => {
  test.each([
    [[3, 5, 9], null, 3],
    [[3, 5, 9], 3, 5],
    [[3, 5, 9], 5, 9],
    [[3, 5, 9], 9, 3],
    // The pointer names someone who left the rotation: the next higher id still wins.
    [[3, 5, 9], 4, 5],
    [[3, 5, 9], 12, 3],
    [[9, 3, 5], 3, 5],
    [[7], 7, 7],
    [[], 7, null],
  ] as const)("rotation %j after %s → %s", (rotation, last, expected) => {
    expect(nextAssignee(rotation, last)).toBe(expected);
  });

  test("only active reps rotate", () => {
    expect(
      rotationOf([
        { id: 4, active: true, role: "REP" },
        { id: 2, active: false, role: "REP" },
        { id: 3, active: true, role: "MANAGER" },
        { id: 1, active: true, role: "REP" },
      ]),
    ).toEqual([1, 4]);
  });

  test("a run of turns wraps and ends on the last assignee", () => {
    expect(nextAssignees([1, 2, 3], 2, 4)).toEqual({ assignees: [3, 1, 2, 3], last: 3 });
    expect(nextAssignees([], 2, 4)).toEqual({ assignees: [], last: 2 });
  });

  test("every rep gets a turn before anyone gets a second (fair over any start)", () => {
    const rotation = [2, 5, 6, 11];
    for (const start of [null, 2, 5, 6, 11, 8]) {
      const { assignees } = nextAssignees(rotation, start, rotation.length);
      expect([...assignees].sort((a, b) => a - b)).toEqual(rotation);
    }
  });
});

describe("lead status rules", () => {
  test.each([
    ["NEW", "CONTACTED", null, null],
    ["CONTACTED", "QUALIFIED", null, null],
    ["NEW", "QUALIFIED", null, null],
    ["QUALIFIED", "CONTACTED", null, null],
    ["CONTACTED", "NEW", null, "leads.errors.transition"],
    ["NEW", "DISQUALIFIED", null, "leads.errors.reasonRequired"],
    ["NEW", "DISQUALIFIED", "  ", "leads.errors.reasonRequired"],
    ["NEW", "DISQUALIFIED", "Wrong market", null],
    ["DISQUALIFIED", "NEW", null, null],
    ["DISQUALIFIED", "QUALIFIED", null, "leads.errors.transition"],
    ["QUALIFIED", "CONVERTED", null, "leads.errors.convertOnly"],
    ["CONVERTED", "NEW", null, "leads.errors.converted"],
  ] as const)("%s → %s (reason %j): %s", (from, to, reason, expected) => {
    expect(statusChangeProblem(from, to, reason)?.message ?? null).toBe(expected);
  });

  test("only a qualified lead converts; a converted lead offers no next status", () => {
    expect(canConvert("QUALIFIED")).toBe(true);
    expect(canConvert("CONTACTED")).toBe(false);
    expect(nextStatuses("CONVERTED")).toEqual([]);
  });
});

describe("conversion defaults", () => {
  const now = new Date("2026-01-10T12:00:00Z");
  test("a lead with a company becomes an enterprise customer named after it", () => {
    expect(conversionDefaults({ name: "Li Na", company: "Acme", region: "East", email: null, phone: null }, now)).toEqual({
      kind: "ENTERPRISE",
      customerName: "Acme",
      region: "East",
      opportunityName: "Acme",
      expectedCloseDate: "2026-04-10",
    });
  });
  test("a lead without one becomes an individual customer", () => {
    expect(conversionDefaults({ name: "Li Na", company: " ", region: null, email: null, phone: null }, now)).toMatchObject({ kind: "INDIVIDUAL", customerName: "Li Na", region: "" });
    expect(needsContact("INDIVIDUAL")).toBe(false);
    expect(needsContact("GOVERNMENT")).toBe(true);
  });
});

describe("lead CSV mapping and rows", () => {
  const validateLeadRow = (cells: string[], mapping: Record<string, number>, line: number) => validateRows(leadImportSpec, { rows: [cells], lines: [line] }, mapping, { now: TEST_NOW })[0];
  test("English and Chinese headers are recognised", () => {
    expect(guessMapping(leadImportSpec, ["姓名", "公司", "邮箱", "来源"])).toMatchObject({ name: 0, company: 1, email: 2, source: 3, phone: null });
    expect(mappingProblem(leadImportSpec, guessMapping(leadImportSpec, ["name", "email"]), ["name", "email"])).toEqual({ code: "import.errors.missingColumns", columns: "source" });
  });
  test("row errors name their field", () => {
    const mapping = { name: 0, email: 1, source: 2, owner: 3 };
    const bad = validateLeadRow(["", "x", "Web", "boss"], mapping, 4);
    expect(bad).toMatchObject({ line: 4, ok: false });
    expect(!bad.ok && bad.errors).toEqual(
      expect.arrayContaining([
        { field: "owner", message: "validation.email" },
        { field: "name", message: "validation.required" },
        { field: "email", message: "validation.email" },
      ]),
    );
    expect(!bad.ok && bad.errors).toHaveLength(3);
    expect(validateLeadRow(["Li", "LI@X.CN", "Web", "Rep@Summit.test"], mapping, 2)).toMatchObject({ ok: true, value: { name: "Li", email: "li@x.cn", ownerEmail: "rep@summit.test" } });
  });
});

describe("lead list URL", () => {
  test("round-trips and drops defaults; junk falls back", () => {
    const q = parseLeadListQuery({ status: "QUALIFIED", owner: "none", q: " acme ", sort: "name", page: "3" });
    expect(serializeLeadListQuery(q)).toBe("q=acme&status=QUALIFIED&owner=none&sort=name&page=3");
    expect(parseLeadListQuery({ status: "WHATEVER", sort: "x", page: "-2", owner: "me" })).toEqual({ owner: { kind: "me" }, sort: "createdAt", dir: "desc", page: 1, q: undefined, source: undefined, status: undefined });
  });
});
