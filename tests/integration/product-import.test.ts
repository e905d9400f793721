import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NotAllowedError } from "@/lib/platform/errors";
import { importProducts } from "@/lib/products/import";
import { productImportSpec } from "@/lib/products/rules/import-spec";
import { createPeople, type People } from "../support/fixtures";
import { csvRows } from "../support/import-rows";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
let people: People;

const rowsOf = (text: string) => csvRows(productImportSpec, text);

const product = (sku: string) =>
  db.sql.query<{ name: string; category: string; listPrice: string; unitCost: string; active: boolean; externalId: string | null }>(
    `SELECT p.name, c.name AS category, p."listPrice"::text AS "listPrice", p."unitCost"::text AS "unitCost", p.active, p."externalId"
     FROM "Product" p JOIN "ProductCategory" c ON c.id = p."categoryId" WHERE p.sku = $1`,
    [sku],
  );

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  await db.prisma.productCategory.create({ data: { name: "Broadband" } });
});
afterAll(() => db.close());

describe("product import", () => {
  test("new products with exact prices; categories found by name or created, all audited", async () => {
    const report = await importProducts(
      people.admin,
      await rowsOf(
        [
          "SKU,Product Name,Category,List Price,Unit Cost,Active,External ID",
          "fb-100,Fiber 100M,broadband,\"1,299.90\",800,yes,ERP-P1",
          "tv-1,IPTV Basic,Television,0.10,0.03,no,",
          "bad sku!,Nope,Television,1,1,,",
          "TV-2,IPTV Plus,television,12.345,1,,",
        ].join("\n"),
      ),
      "skip",
    );
    expect(report.rows.map((r) => [r.line, r.status])).toEqual([
      [2, "imported"],
      [3, "imported"],
      [4, "failed"],
      [5, "failed"],
    ]);
    expect(report.rows[3].errors).toEqual([{ field: "listPrice", message: "importValidation.money" }]);
    expect(await product("FB-100")).toEqual([{ name: "Fiber 100M", category: "Broadband", listPrice: "1299.90", unitCost: "800.00", active: true, externalId: "ERP-P1" }]);
    expect(await product("TV-1")).toEqual([{ name: "IPTV Basic", category: "Television", listPrice: "0.10", unitCost: "0.03", active: false, externalId: null }]);
    expect(await db.prisma.productCategory.count({ where: { name: { equals: "television", mode: "insensitive" } } })).toBe(1);
    expect(await db.prisma.auditLog.count({ where: { action: "CREATE", entity: "ProductCategory", userId: people.admin.id } })).toBe(1);
    expect(await db.prisma.auditLog.count({ where: { action: "CREATE", entity: "Product", userId: people.admin.id } })).toBe(2);
  });

  test.each([
    ["skip", "skipped", { name: "Fiber 100M", listPrice: "1299.90" }],
    ["update", "updated", { name: "Fiber 100M Pro", listPrice: "1399.00" }],
  ] as const)("an existing SKU in %s mode is %s", async (mode, status, expected) => {
    const versionBefore = (await db.prisma.product.findFirstOrThrow({ where: { sku: "FB-100" } })).version;
    const report = await importProducts(people.admin, await rowsOf(`sku,name,category,list price,unit cost\nFB-100,Fiber 100M Pro,Broadband,1399,800\n`), mode);
    expect(report.rows[0]).toMatchObject({ status });
    expect((await product("FB-100"))[0]).toMatchObject({ ...expected, externalId: "ERP-P1", unitCost: "800.00" });
    if (mode === "update") {
      const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "UPDATE", entity: "Product" }, orderBy: { id: "desc" } });
      // Only what changed is recorded (the external id the file left out is kept).
      expect(Object.keys(audit.changes as object).sort()).toEqual(["listPrice", "name"]);
    }
    // An update is a save like any other: a product form still open at the old version is refused.
    expect((await db.prisma.product.findFirstOrThrow({ where: { sku: "FB-100" } })).version).toBe(mode === "update" ? versionBefore + 1 : versionBefore);
  });

  test("a SKU twice in one file, and an external id another product has, are reported", async () => {
    const report = await importProducts(
      people.admin,
      await rowsOf(["sku,name,category,list price,unit cost,external id", "NEW-1,New one,Broadband,1,1,", "NEW-1,New one again,Broadband,2,1,", "NEW-2,Thief,Broadband,1,1,ERP-P1"].join("\n")),
      "update",
    );
    expect(report.rows.map((r) => [r.status, r.reason])).toEqual([
      ["imported", undefined],
      ["skipped", "productImport.report.duplicateInFile"],
      ["failed", "productImport.report.externalIdTaken"],
    ]);
  });

  test("a failure part-way leaves nothing", async () => {
    const lines = ["sku,name,category,list price,unit cost"];
    for (let i = 0; i < 600; i++) lines.push(`ATOM-${i},Atomic ${i},Fresh Category,1.00,0.50`);
    const before = await db.prisma.product.count();
    await expect(
      importProducts(people.admin, await rowsOf(lines.join("\n")), "skip", (done) => {
        if (done > 0) throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(await db.prisma.product.count()).toBe(before);
    expect(await db.prisma.productCategory.count({ where: { name: "Fresh Category" } })).toBe(0);
  });

  test.each(["managerEast", "repEast", "agent"] as const)("a %s may not import products", async (who) => {
    await expect(importProducts(people[who], await rowsOf("sku,name,category,list price,unit cost\nX-1,X,Broadband,1,1\n"), "skip")).rejects.toBeInstanceOf(NotAllowedError);
    expect(await db.prisma.product.count({ where: { sku: "X-1" } })).toBe(0);
  });
});
