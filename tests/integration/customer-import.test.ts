import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { IMPORT_BATCH, importCustomers } from "@/lib/customers/import";
import { createCustomer } from "@/lib/customers/mutations";
import { customerImportSpec } from "@/lib/customers/rules/import-spec";
import { customerInputSchema } from "@/lib/customers/schema";
import { createPeople, type People } from "../support/fixtures";
import { csvRows } from "../support/import-rows";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
let people: People;

const rowsOf = (text: string) => csvRows(customerImportSpec, text);

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
});
afterAll(() => db.close());

describe("CSV import", () => {
  test("good rows are imported and audited, bad rows are reported with reasons", async () => {
    const report = await importCustomers(
      people.repEast,
      await rowsOf(
        [
          "name,kind,region,email,phone,since",
          "Imported One,enterprise,East China,one@import.test,+86 21 1111 0001,2020-01-15",
          "Imported Two,个人,East China,two@import.test,,",
          ",enterprise,East China,,,",
          "Bad Email,enterprise,East China,nope,,",
          "Bad Date,enterprise,East China,,,2020-02-30",
        ].join("\n"),
      ),
      "skip",
    );
    expect(report).toMatchObject({ imported: 2, updated: 0, skipped: 0, failed: 3 });
    expect(report.rows.map((r) => [r.line, r.status])).toEqual([
      [2, "imported"],
      [3, "imported"],
      [4, "failed"],
      [5, "failed"],
      [6, "failed"],
    ]);
    expect(report.rows[3].errors).toContainEqual({ field: "email", message: "validation.email" });
    const one = await db.prisma.customer.findFirstOrThrow({ where: { name: "Imported One" } });
    expect(one.ownerId).toBe(people.repEast.id);
    expect(one.createdAt.toISOString()).toBe("2020-01-15T00:00:00.000Z");
    expect(one.phoneDigits).toBe("2111110001");
    expect(await db.prisma.auditLog.count({ where: { entity: "Customer", entityId: String(one.id), action: "CREATE" } })).toBe(1);
  });

  test.each([
    ["skip", "skipped", "Existing skip", null],
    ["update", "updated", "Existing update", "new notes"],
    ["merge", "updated", "Existing merge", "old notes"],
  ] as const)("a duplicate row in %s mode is %s", async (mode, status, name, notes) => {
    const existing = await createCustomer(people.repEast, customerInputSchema.parse({ kind: "ENTERPRISE", name, region: "East China", email: `${mode}@dup.test`, notes: mode === "update" ? "old" : "old notes" }));
    await db.prisma.customer.update({ where: { id: existing.id }, data: { company: null } });
    const versionBefore = (await db.prisma.customer.findUniqueOrThrow({ where: { id: existing.id } })).version;
    const report = await importCustomers(
      people.repEast,
      await rowsOf(`name,kind,region,email,company,notes\nRenamed ${mode},enterprise,East China,${mode}@dup.test,Filled Ltd,new notes\n`),
      mode,
    );
    expect(report.rows[0]).toMatchObject({ status, id: existing.id });
    const after = await db.prisma.customer.findUniqueOrThrow({ where: { id: existing.id } });
    if (mode === "skip") expect(after).toMatchObject({ name, company: null });
    if (mode === "update") expect(after).toMatchObject({ name: "Renamed update", company: "Filled Ltd", notes });
    if (mode === "merge") expect(after).toMatchObject({ name, company: "Filled Ltd", notes });
    // An import that changes the record moves its version, so a profile form still open is refused.
    expect(after.version).toBe(mode === "skip" ? versionBefore : versionBefore + 1);
  });

  test("duplicates inside the file itself are caught; phone numbers match by digits", async () => {
    const report = await importCustomers(
      people.repEast,
      await rowsOf(["name,kind,region,phone", "File Dup,enterprise,East China,138 5555 0101", "Another Name,enterprise,Southwest,+86 138-5555-0101"].join("\n")),
      "skip",
    );
    expect(report.rows.map((r) => r.status)).toEqual(["imported", "skipped"]);
  });

  test("owners: unknown emails fail, a rep may not import for someone else, a manager may for the team", async () => {
    const text = ["name,kind,region,owner", "Owned A,enterprise,East China,nobody@nowhere.test", "Owned B,enterprise,East China,rep.west@test.local", "Owned C,enterprise,East China,rep.east2@test.local"].join("\n");
    const asRep = await importCustomers(people.repEast, await rowsOf(text), "skip");
    expect(asRep.rows.map((r) => [r.status, r.reason])).toEqual([
      ["failed", "import.report.unknownOwner"],
      ["failed", "import.report.notAllowed"],
      ["failed", "import.report.notAllowed"],
    ]);
    const asManager = await importCustomers(people.managerEast, await rowsOf(text), "skip");
    expect(asManager.rows.map((r) => r.status)).toEqual(["failed", "failed", "imported"]);
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", userId: people.repEast.id } })).toBeGreaterThan(0);
  });

  test("a failure in the middle leaves nothing half-imported", async () => {
    const before = await db.prisma.customer.count();
    const lines = ["name,kind,region"];
    for (let i = 0; i < IMPORT_BATCH + 50; i++) lines.push(`Atomic ${i},individual,Northeast`);
    await expect(
      importCustomers(people.admin, await rowsOf(lines.join("\n")), "skip", () => {
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(await db.prisma.customer.count()).toBe(before);
    expect(await db.prisma.auditLog.count({ where: { action: "CREATE", changes: { path: ["name", "to"], equals: "Atomic 0" } } })).toBe(0);
  });

  test("progress is reported per batch and an agent's imports are unassigned", async () => {
    const lines = ["name,kind,region"];
    // One region each: names that differ by a number alone would otherwise count as similar names.
    for (let i = 0; i < IMPORT_BATCH + 10; i++) lines.push(`Agent Import ${i},individual,Region ${i}`);
    const progress: number[] = [];
    const report = await importCustomers(people.agent, await rowsOf(lines.join("\n")), "skip", (done) => progress.push(done));
    expect(report.imported).toBe(IMPORT_BATCH + 10);
    expect(progress).toEqual([IMPORT_BATCH, IMPORT_BATCH + 10]);
    expect(await db.prisma.customer.count({ where: { name: { startsWith: "Agent Import" }, ownerId: null } })).toBe(IMPORT_BATCH + 10);
  });
});

describe("external ids", () => {
  test("an import sets a customer's external id; the same id again is that customer, whatever the name says", async () => {
    const first = await importCustomers(people.admin, await rowsOf("name,kind,region,customer id\nHarbour Freight,enterprise,Northwest,ERP-7001\n"), "skip");
    expect(first.imported).toBe(1);
    const created = await db.prisma.customer.findUniqueOrThrow({ where: { externalId: "ERP-7001" } });
    expect(created.name).toBe("Harbour Freight");

    const again = await importCustomers(people.admin, await rowsOf("name,kind,region,customer id,notes\nHarbour Freight Logistics,enterprise,South,ERP-7001,from the ERP\n"), "update");
    expect(again.rows[0]).toMatchObject({ status: "updated", id: created.id });
    expect(await db.prisma.customer.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ name: "Harbour Freight Logistics", region: "South", notes: "from the ERP", externalId: "ERP-7001" });
  });

  test("merge fills a missing external id; two rows with one id in a file are one customer", async () => {
    const existing = await createCustomer(people.admin, customerInputSchema.parse({ kind: "ENTERPRISE", name: "Merge Target", region: "East China", email: "merge-x@dup.test" }));
    const report = await importCustomers(
      people.admin,
      await rowsOf(["name,kind,region,email,external id", "Merge Target,enterprise,East China,merge-x@dup.test,ERP-7002", "Fresh One,individual,Far West,,ERP-7003", "Fresh One Again,individual,Far East,,ERP-7003"].join("\n")),
      "merge",
    );
    expect(report.rows.map((r) => r.status)).toEqual(["updated", "imported", "skipped"]);
    expect((await db.prisma.customer.findUniqueOrThrow({ where: { id: existing.id } })).externalId).toBe("ERP-7002");
    expect(await db.prisma.customer.count({ where: { externalId: "ERP-7003" } })).toBe(1);
  });

  test("an id held by a deleted customer fails its row instead of the whole import", async () => {
    const gone = await createCustomer(people.admin, customerInputSchema.parse({ kind: "ENTERPRISE", name: "Gone Co", region: "East China" }));
    await db.prisma.customer.update({ where: { id: gone.id }, data: { externalId: "ERP-7004", deletedAt: new Date("2026-01-01T00:00:00Z") } });
    const report = await importCustomers(people.admin, await rowsOf("name,kind,region,external id\nGone Co Reborn,enterprise,East China,ERP-7004\nOther Co,enterprise,East China,ERP-7005\n"), "update");
    expect(report.rows.map((r) => [r.status, r.reason])).toEqual([
      ["failed", "import.report.externalIdDeleted"],
      ["imported", undefined],
    ]);
  });
});

// Two connections are needed to hold a row lock while the import runs: PostgreSQL only (PGlite has one).
describe.runIf(Boolean(process.env.TEST_DATABASE_URL))("an import beside a concurrent edit (PostgreSQL)", () => {
  test("a customer saved while an update-mode import runs is reported, not overwritten", async () => {
    const existing = await createCustomer(people.repEast, customerInputSchema.parse({ kind: "ENTERPRISE", name: "Race Ltd", region: "East China", email: "race@import.test" }));
    let edited!: () => void;
    const editDone = new Promise<void>((resolve) => (edited = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Someone saves the customer and has not committed yet when the import reads it.
    const editing = db.prisma.$transaction(
      async (tx) => {
        await tx.customer.update({ where: { id: existing.id }, data: { notes: "saved meanwhile", version: { increment: 1 } } });
        edited();
        await held;
      },
      { timeout: 30_000 },
    );
    await editDone;
    const importing = importCustomers(people.repEast, await rowsOf("name,kind,region,email,notes\nRace Ltd,enterprise,East China,race@import.test,from the file\n"), "update");
    // Wait until the import's write waits for the edit's row lock (in this test's own database: other
    // files run beside it on the same server), then let the edit commit.
    for (let i = 0; i < 500; i++) {
      const [{ waiting }] = await db.prisma.$queryRawUnsafe<{ waiting: number }[]>(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      if (waiting > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    release();
    await editing;
    const report = await importing;
    expect(report.rows[0]).toMatchObject({ status: "failed", reason: "import.report.changedMeanwhile", id: existing.id });
    const after = await db.prisma.customer.findUniqueOrThrow({ where: { id: existing.id } });
    expect(after).toMatchObject({ notes: "saved meanwhile", version: existing.version + 1 });
  });
});
