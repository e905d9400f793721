import { describe, expect, test } from "vitest";
import { changedFields, checkVersion, ConflictError, expectedFromForm, fieldValue, parseSnapshot, parseVersion, snapshotFrom, writeAtVersion } from "@/lib/platform/concurrency";

describe("changedFields", () => {
  test("lists every field whose stored value differs from what the editor saw, old and current, in the record's field order", () => {
    const seen = { name: "Acme", amount: "100.00", stage: "PROPOSAL", nextStep: null, competitor: "" };
    const current = { name: "Acme", amount: "120.00", stage: "PROPOSAL", nextStep: "Call CFO", competitor: null };
    expect(changedFields(seen, current)).toEqual([
      { field: "amount", old: "100.00", current: "120.00" },
      { field: "nextStep", old: null, current: "Call CFO" },
    ]);
  });

  test.each([
    ["no snapshot posted", null, []],
    ["nothing differs", { a: "1", b: null }, []],
    ["empty text and null are the same empty", { a: "1", b: "" }, []],
    ["a field the editor did not see is not reported", { a: "2" }, [{ field: "a", old: "2", current: "1" }]],
    ["fields only the posted snapshot names are ignored", { a: "1", b: null, injected: "x" }, []],
  ] as const)("%s", (_label, seen, expected) => {
    expect(changedFields(seen, { a: "1", b: null })).toEqual(expected);
  });

  test("a snapshot key on the prototype chain is never read as seen", () => {
    const seen = JSON.parse('{"__proto__": {"a": "forged"}}') as Record<string, string>;
    expect(changedFields(parseSnapshot(JSON.stringify(seen)), { a: "1" })).toEqual([]);
  });
});

describe("fieldValue", () => {
  test.each([
    [null, null],
    [undefined, null],
    ["", null],
    ["text", "text"],
    [42, "42"],
    [false, "false"],
    [new Date("2026-06-10T02:00:00.000Z"), "2026-06-10T02:00:00.000Z"],
    [["Ann", "Bo"], "Ann, Bo"],
    [[], null],
  ] as const)("%j → %j", (value, text) => expect(fieldValue(value)).toBe(text));
});

describe("parsing what a form posts", () => {
  test.each([
    ["1", 1],
    [" 7 ", 7],
    ["0", 0],
    ["2147483647", 2147483647],
    ["2147483648", null],
    ["-1", null],
    ["1.5", null],
    ["1e3", null],
    ["01", null],
    ["", null],
    [null, null],
  ] as const)("version %j → %j", (raw, version) => expect(parseVersion(raw)).toBe(version));

  test("a snapshot is a JSON object of text or null; anything else is no snapshot, never an error", () => {
    expect(parseSnapshot('{"name":"Acme","phone":null,"probability":10}')).toEqual({ name: "Acme", phone: null, probability: "10" });
    for (const raw of ["", "not json", "[1,2]", "null", '"text"', 42, null, "x".repeat(70_000)]) expect(parseSnapshot(raw)).toBeNull();
    expect(parseSnapshot('{"a":{"nested":1},"b":true,"c":"ok"}')).toEqual({ c: "ok" });
  });

  test("reserved keys are dropped and pollute nothing", () => {
    const parsed = parseSnapshot('{"__proto__":"x","constructor":"y","prototype":"z","name":"Acme"}');
    expect(parsed).toEqual({ name: "Acme" });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(snapshotFrom({ ...JSON.parse('{"__proto__":{"polluted":"yes"}}'), name: "n" })).toEqual({ name: "n" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("expectedFromForm reads the version and the snapshot; no version means no expectation at all", () => {
    const form = new FormData();
    form.set("version", "3");
    form.set("snapshot", '{"name":"Acme"}');
    expect(expectedFromForm(form)).toEqual({ version: 3, seen: { name: "Acme" } });
    form.set("snapshot", "{broken");
    expect(expectedFromForm(form)).toEqual({ version: 3, seen: null });
    form.set("version", "abc");
    expect(expectedFromForm(form)).toBeNull();
  });
});

describe("the write", () => {
  const record = { version: 4, snapshot: { name: "Now", city: "Xi'an" } };

  test("a record past the expected version is refused before anything is written, with what changed", () => {
    const error = (() => {
      try {
        checkVersion("Thing", 1, { version: 3, seen: { name: "Then", city: "Xi'an" } }, record);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).toView()).toEqual({ version: 4, changes: [{ field: "name", old: "Then", current: "Now" }], current: record.snapshot });
    expect(() => checkVersion("Thing", 1, 4, record)).not.toThrow();
  });

  test("a write that matched no row reads the record again and refuses with its changes; a write that matched goes through", async () => {
    const versions: number[] = [];
    await expect(
      writeAtVersion(
        "Thing",
        1,
        { version: 3, seen: { name: "Then" } },
        async (v) => {
          versions.push(v);
          return { count: 0 };
        },
        async () => record,
      ),
    ).rejects.toMatchObject({ name: "ConflictError", version: 4, changes: [{ field: "name", old: "Then", current: "Now" }] });
    await expect(writeAtVersion("Thing", 1, 4, async () => ({ count: 1 }), async () => record)).resolves.toBeUndefined();
    // The expected version is what the write's WHERE gets.
    expect(versions).toEqual([3]);
  });
});
