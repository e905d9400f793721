import { describe, expect, test } from "vitest";
import { customerImportSpec, parseImportDate, parseKind } from "@/lib/customers/rules/import-spec";
import { readCsvBytes } from "@/lib/platform/import/csv-reader";
import { guessMapping, mappingProblem, validateRows } from "@/lib/platform/import/field-spec";
import { TEST_NOW } from "../../support/clock";

const spec = customerImportSpec;
const bytes = (s: string) => new TextEncoder().encode(s);
const validate = (cells: string[], mapping: Record<string, number>, line = 2) => validateRows(spec, { rows: [cells], lines: [line] }, mapping, { now: TEST_NOW })[0];

describe("customer column mapping", () => {
  test("English and Chinese headers are recognised, the external id too", () => {
    expect(guessMapping(spec, ["Customer Name", "Type", "E-mail", "Tel", "Region", "Customer No"])).toMatchObject({ name: 0, kind: 1, email: 2, phone: 3, region: 4, externalId: 5, company: null });
    expect(guessMapping(spec, ["客户名称", "客户类型", "邮箱", "地区", "负责人", "客户编号"])).toMatchObject({ name: 0, kind: 1, email: 2, region: 3, owner: 4, externalId: 5 });
  });

  test("missing required columns are named; a one-column header hints at the wrong delimiter", () => {
    expect(mappingProblem(spec, guessMapping(spec, ["name", "email"]), ["name", "email"])).toEqual({ code: "import.errors.missingColumns", columns: "kind, region" });
    expect(mappingProblem(spec, guessMapping(spec, ["name;kind;region"]), ["name;kind;region"])).toEqual({ code: "import.errors.singleColumn" });
    expect(mappingProblem(spec, { name: 0, kind: 1, region: 9 }, ["a", "b", "c"])).toEqual({ code: "import.errors.missingColumns", columns: "region" });
  });
});

describe("customer row validation", () => {
  const mapping = { name: 0, kind: 1, region: 2, email: 3, phone: 4, owner: 5, since: 6, externalId: 7 };
  test("a good row becomes a customer input", () => {
    const row = validate(["Acme", "Enterprise", "East", "INFO@ACME.TEST", "+86 21 6123 4567", "rep@x.test", "2020-02-29", "ERP-0042"], mapping);
    expect(row).toMatchObject({ ok: true, line: 2, value: { name: "Acme", kind: "ENTERPRISE", email: "info@acme.test", ownerEmail: "rep@x.test", externalId: "ERP-0042" } });
    expect(row.ok && row.value.createdAt?.toISOString()).toBe("2020-02-29T00:00:00.000Z");
  });

  test("every problem of a bad row is reported with its field", () => {
    const row = validate(["", "alien", "East", "not-an-email", "call me", "bob", "2021-02-30", "<script>"], mapping, 7);
    expect(row.ok).toBe(false);
    const fields = !row.ok ? row.errors.map((e) => `${e.field}:${e.message}`).sort() : [];
    expect(fields).toEqual(
      [
        "email:validation.email",
        "kind:validation.choose",
        "name:validation.required",
        "owner:validation.email",
        "phone:validation.phone",
        "since:customers.errors.date",
        "externalId:importValidation.externalId",
      ].sort(),
    );
  });

  test.each([
    ["enterprise", "ENTERPRISE"],
    ["个人", "INDIVIDUAL"],
    ["Government", "GOVERNMENT"],
    ["alien", null],
  ])("kind %s reads as %s", (raw, kind) => {
    expect(parseKind(raw)).toBe(kind);
  });

  test.each(["2024-13-01", "2024/02/30", "yesterday", "01/02/2024", "1800-01-01", "2999-01-01"])("date %s is refused", (raw) => {
    expect(parseImportDate(raw, TEST_NOW)).toBeNull();
  });

  test("a date is in the future relative to the given now, not to the machine's clock", () => {
    // TEST_NOW is 2026-06-10 (UTC): that day is fine, the next one is not yet.
    expect(parseImportDate("2026-06-10", TEST_NOW)?.toISOString()).toBe("2026-06-10T00:00:00.000Z");
    expect(parseImportDate("2026-06-11", TEST_NOW)).toBeNull();
    expect(parseImportDate("2026-06-11", new Date("2026-06-11T00:00:00Z"))?.toISOString()).toBe("2026-06-11T00:00:00.000Z");
  });

  test("rows keep their file line numbers", async () => {
    const csv = await readCsvBytes(bytes("name,kind,region\nA,individual,East\n\nB,bogus,East\n"), spec.limits);
    if (!csv.ok) throw new Error("parse failed");
    const rows = validateRows(spec, csv.csv, guessMapping(spec, csv.csv.headers), { now: TEST_NOW });
    expect(rows.map((r) => [r.line, r.ok])).toEqual([
      [2, true],
      [4, false],
    ]);
  });
});
