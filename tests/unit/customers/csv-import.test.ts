import { describe, expect, test } from "vitest";
import { decodeCsvBytes, guessMapping, mappingProblem, MAX_IMPORT_BYTES, parseImportDate, readCsv, validateRow, validateRows } from "@/lib/domain/customers/csv-import";
import { TEST_NOW } from "../../support/clock";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("reading an uploaded CSV", () => {
  test("UTF-8 with a BOM, CRLF line ends and a quoted delimiter", () => {
    const result = readCsv(bytes('\uFEFFname,kind,region\r\n"Acme, Inc",enterprise,East\r\n'));
    expect(result.ok && result.csv.rows).toEqual([["Acme, Inc", "enterprise", "East"]]);
    expect(result.ok && result.csv.headers).toEqual(["name", "kind", "region"]);
  });

  test.each([
    ["semicolon", "name;kind;region\nA;individual;East\n", ";"],
    ["tab", "name\tkind\tregion\nA\tindividual\tEast\n", "\t"],
  ])("the %s delimiter is detected", (_label, text, delimiter) => {
    const result = readCsv(bytes(text));
    expect(result.ok && result.csv.delimiter).toBe(delimiter);
    expect(result.ok && result.csv.rows[0]).toEqual(["A", "individual", "East"]);
  });

  test("UTF-16 with a BOM is read", () => {
    const text = "name,kind,region\n张伟,个人,华东\n";
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      utf16[2 + i * 2] = text.charCodeAt(i) & 0xff;
      utf16[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    const result = readCsv(utf16);
    expect(result.ok && result.csv.rows[0]).toEqual(["张伟", "个人", "华东"]);
  });

  test.each([
    ["an empty file", new Uint8Array(), "import.errors.empty"],
    ["GBK bytes (not UTF-8)", new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xd5, 0xc5, 0xce, 0xb0]), "import.errors.encoding"],
    ["binary with NUL bytes", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), "import.errors.encoding"],
    ["an unterminated quote", bytes('name,kind,region\n"Acme,enterprise,East\n'), "import.errors.malformed"],
  ])("%s gets a clear message", (_label, input, code) => {
    const result = readCsv(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem.code).toBe(code);
  });

  test("a file over the size limit is refused before parsing", () => {
    const result = decodeCsvBytes(new Uint8Array(MAX_IMPORT_BYTES + 1));
    expect(!result.ok && result.problem).toEqual({ code: "import.errors.tooLarge", maxMb: 10 });
  });
});

describe("column mapping", () => {
  test("English and Chinese headers are recognised", () => {
    expect(guessMapping(["Customer Name", "Type", "E-mail", "Tel", "Region"])).toMatchObject({ name: 0, kind: 1, email: 2, phone: 3, region: 4, company: null });
    expect(guessMapping(["客户名称", "客户类型", "邮箱", "地区", "负责人"])).toMatchObject({ name: 0, kind: 1, email: 2, region: 3, owner: 4 });
  });

  test("missing required columns are named; a one-column header hints at the wrong delimiter", () => {
    expect(mappingProblem(guessMapping(["name", "email"]), ["name", "email"])).toEqual({ code: "import.errors.missingColumns", columns: "kind, region" });
    expect(mappingProblem(guessMapping(["name;kind;region"]), ["name;kind;region"])).toEqual({ code: "import.errors.singleColumn" });
    expect(mappingProblem({ name: 0, kind: 1, region: 9 }, ["a", "b", "c"])).toEqual({ code: "import.errors.missingColumns", columns: "9" });
  });
});

describe("row validation", () => {
  const mapping = { name: 0, kind: 1, region: 2, email: 3, phone: 4, owner: 5, since: 6 };
  test("a good row becomes a customer input", () => {
    const row = validateRow(["Acme", "Enterprise", "East", "INFO@ACME.TEST", "+86 21 6123 4567", "rep@x.test", "2020-02-29"], mapping, 2, TEST_NOW);
    expect(row).toMatchObject({ ok: true, line: 2, value: { name: "Acme", kind: "ENTERPRISE", email: "info@acme.test", ownerEmail: "rep@x.test" } });
    expect(row.ok && row.value.createdAt?.toISOString()).toBe("2020-02-29T00:00:00.000Z");
  });

  test("every problem of a bad row is reported with its field", () => {
    const row = validateRow(["", "alien", "East", "not-an-email", "call me", "bob", "2021-02-30"], mapping, 7, TEST_NOW);
    expect(row.ok).toBe(false);
    const fields = !row.ok ? row.errors.map((e) => `${e.field}:${e.message}`).sort() : [];
    expect(fields).toEqual(["email:validation.email", "kind:validation.choose", "name:validation.required", "owner:validation.email", "phone:validation.phone", "since:customers.errors.date"].sort());
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

  test("rows keep their file line numbers", () => {
    const csv = readCsv(bytes("name,kind,region\nA,individual,East\n\nB,bogus,East\n"));
    if (!csv.ok) throw new Error("parse failed");
    const rows = validateRows(csv.csv, guessMapping(csv.csv.headers), TEST_NOW);
    expect(rows.map((r) => [r.line, r.ok])).toEqual([
      [2, true],
      [4, false],
    ]);
  });
});
