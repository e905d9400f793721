import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ConflictError, NotAllowedError, RuleError } from "@/lib/platform/errors";
import { createProduct, getProduct, listProducts, parseProductQuery, updateProduct } from "@/lib/products/mutations";
import { productInputSchema } from "@/lib/products/schema";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
let people: People;
let hardware: number;
let software: number;

const input = (over: Record<string, unknown> = {}) => productInputSchema.parse({ sku: "hw-100", name: "Router", categoryId: hardware, listPrice: "199.90", unitCost: "120.00", active: true, ...over });

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  hardware = (await db.prisma.productCategory.create({ data: { name: "Hardware" } })).id;
  software = (await db.prisma.productCategory.create({ data: { name: "Software" } })).id;
});
afterAll(() => db.close());

describe("product validation", () => {
  test.each([
    [{ listPrice: "-1" }, "listPrice", "salesValidation.money"],
    [{ listPrice: "10.123" }, "listPrice", "salesValidation.money"],
    [{ unitCost: "abc" }, "unitCost", "salesValidation.money"],
    [{ listPrice: "" }, "listPrice", "validation.required"],
    [{ sku: "bad sku!" }, "sku", "products.errors.skuFormat"],
    [{ name: " " }, "name", "validation.required"],
    [{ categoryId: "" }, "categoryId", "validation.choose"],
  ])("%j is refused on %s", (over, field, message) => {
    const result = productInputSchema.safeParse({ sku: "A-1", name: "X", categoryId: 1, listPrice: "1", unitCost: "0", active: true, ...over });
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });

  test("prices keep their exact cents and SKUs are upper-cased", () => {
    expect(productInputSchema.parse({ sku: "ab-1", name: "X", categoryId: "3", listPrice: "0.10", unitCost: "0", active: true })).toMatchObject({ sku: "AB-1", listPrice: "0.10", categoryId: 3 });
  });
});

describe("price list", () => {
  test("only an admin creates and edits products; a refusal is logged", async () => {
    await expect(createProduct(people.managerEast, input({ sku: "MGR-1" }))).rejects.toBeInstanceOf(NotAllowedError);
    await expect(createProduct(people.repEast, input({ sku: "REP-1" }))).rejects.toBeInstanceOf(NotAllowedError);
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", entity: "Product" } })).toBe(2);
    const { id } = await createProduct(people.admin, input());
    expect(await db.prisma.auditLog.count({ where: { action: "CREATE", entity: "Product", entityId: String(id) } })).toBe(1);
    const product = await getProduct(people.admin, id);
    await expect(updateProduct(people.managerEast, id, product!.version, input({ listPrice: "1.00" }))).rejects.toBeInstanceOf(NotAllowedError);
    expect((await getProduct(people.admin, id))?.listPrice).toBe("199.90");
  });

  test("a SKU is unique, on create and on edit", async () => {
    await createProduct(people.admin, input({ sku: "SW-1", name: "Suite", categoryId: software }));
    const dup = await createProduct(people.admin, input({ sku: "sw-1" })).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(RuleError);
    expect(dup).toMatchObject({ field: "sku", message: "products.errors.skuTaken" });
    const other = await createProduct(people.admin, input({ sku: "SW-2", categoryId: software }));
    const loaded = (await getProduct(people.admin, other.id))!;
    await expect(updateProduct(people.admin, other.id, loaded.version, input({ sku: "SW-1", categoryId: software }))).rejects.toMatchObject({ field: "sku" });
  });

  test("an edit based on a stale load gets a conflict with the saved values; the fresh one is audited", async () => {
    const { id } = await createProduct(people.admin, input({ sku: "RACE-1" }));
    const loaded = (await getProduct(people.admin, id))!;
    await updateProduct(people.admin, id, loaded.version, input({ sku: "RACE-1", listPrice: "250.00" }));
    const error = await updateProduct(people.admin, id, loaded.version, input({ sku: "RACE-1", listPrice: "260.00" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).current).toMatchObject({ listPrice: "250.00" });
    const audit = await db.prisma.auditLog.findFirst({ where: { entity: "Product", entityId: String(id), action: "UPDATE" } });
    expect(audit?.changes).toMatchObject({ listPrice: { from: "199.90", to: "250.00" } });
  });

  test("unit cost is shown to admins and managers only; search, category and active filters", async () => {
    await createProduct(people.admin, input({ sku: "OLD-1", name: "Legacy Modem", active: false }));
    const rep = await listProducts(people.repEast, parseProductQuery({}));
    expect(rep.showCost).toBe(false);
    expect(rep.items.every((p) => p.unitCost === null)).toBe(true);
    const manager = await listProducts(people.managerEast, parseProductQuery({}));
    expect(manager.items.every((p) => p.unitCost !== null)).toBe(true);
    expect(rep.items.some((p) => p.sku === "OLD-1")).toBe(false);
    expect((await listProducts(people.agent, parseProductQuery({ active: "inactive" }))).items.map((p) => p.sku)).toEqual(["OLD-1"]);
    expect((await listProducts(people.repEast, parseProductQuery({ q: "suite" }))).items.map((p) => p.sku)).toEqual(["SW-1"]);
    const bySoftware = await listProducts(people.repEast, parseProductQuery({ category: String(software) }));
    expect(bySoftware.items.every((p) => p.category.id === software)).toBe(true);
    // Grouped by category name: every Hardware row comes before every Software row.
    const cats = rep.items.map((p) => p.category.name);
    expect(cats).toEqual([...cats].sort());
  });
});
