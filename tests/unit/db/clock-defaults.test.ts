import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { CLOCK_FIELDS, fillClockFields } from "@/lib/platform/db/clock-defaults";

const AT = new Date("2026-06-10T02:00:00Z");

/** Every `@default(now())` and `@updatedAt` field of the schema, by model. */
function schemaClockFields(): Record<string, { created: string[]; updated: string[] }> {
  const schema = readFileSync(new URL("../../../prisma/schema.prisma", import.meta.url), "utf8");
  const found: Record<string, { created: string[]; updated: string[] }> = {};
  let model: string | null = null;
  for (const line of schema.split("\n")) {
    const start = /^model\s+(\w+)\s*\{/.exec(line);
    if (start) model = start[1];
    else if (/^\}/.test(line)) model = null;
    else if (model) {
      const field = /^\s+(\w+)\s/.exec(line)?.[1];
      if (!field) continue;
      const entry = () => (found[model!] ??= { created: [], updated: [] });
      if (line.includes("@default(now())")) entry().created.push(field);
      if (line.includes("@updatedAt")) entry().updated.push(field);
    }
  }
  return found;
}

describe("clock defaults", () => {
  test("the list matches every @default(now()) and @updatedAt field of prisma/schema.prisma", () => {
    const plain = Object.fromEntries(Object.entries(CLOCK_FIELDS).map(([m, f]) => [m, { created: [...f.created].sort(), updated: [...f.updated].sort() }]));
    const schema = schemaClockFields();
    const sorted = Object.fromEntries(Object.entries(schema).map(([m, f]) => [m, { created: f.created.sort(), updated: f.updated.sort() }]));
    expect(plain).toEqual(sorted);
  });

  test.each([
    ["create", { data: { name: "A" } }, { data: { name: "A", createdAt: AT, updatedAt: AT } }],
    ["createMany", { data: [{ name: "A" }, { name: "B", createdAt: new Date(0) }] }, { data: [{ name: "A", createdAt: AT, updatedAt: AT }, { name: "B", createdAt: new Date(0), updatedAt: AT }] }],
    ["createManyAndReturn", { data: { name: "A" } }, { data: { name: "A", createdAt: AT, updatedAt: AT } }],
    ["update", { where: { id: 1 }, data: { name: "A" } }, { where: { id: 1 }, data: { name: "A", updatedAt: AT } }],
    ["updateMany", { where: {}, data: { name: "A", updatedAt: new Date(0) } }, { where: {}, data: { name: "A", updatedAt: new Date(0) } }],
    ["upsert", { where: { id: 1 }, create: { name: "A" }, update: { name: "B" } }, { where: { id: 1 }, create: { name: "A", createdAt: AT, updatedAt: AT }, update: { name: "B", updatedAt: AT } }],
    ["findMany", { where: { name: "A" } }, { where: { name: "A" } }],
  ])("%s on a model with createdAt and updatedAt fills only what the caller left out", (operation, args, expected) => {
    fillClockFields("Customer", operation, args, AT);
    expect(args).toEqual(expected);
  });

  test("models without clock fields are left alone; Opportunity's lastActivityAt starts at the clock too", () => {
    const lines = { data: [{ quoteId: 1 }] };
    fillClockFields("QuoteLine", "createMany", lines, AT);
    expect(lines).toEqual({ data: [{ quoteId: 1 }] });
    const opp = { data: { name: "Deal" } };
    fillClockFields("Opportunity", "create", opp, AT);
    expect(opp.data).toEqual({ name: "Deal", lastActivityAt: AT, createdAt: AT, updatedAt: AT });
  });
});
