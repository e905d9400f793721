import { describe, expect, test } from "vitest";
import { customerImportSpec } from "@/lib/customers/rules/import-spec";
import { leadImportSpec } from "@/lib/leads/rules/import-spec";
import { orderImportSpec } from "@/lib/orders/rules/import-spec";
import { productImportSpec } from "@/lib/products/rules/import-spec";
import { type FieldSpec, guessMapping, mappingProblem, parseMapping, validateRows, wizardConfig } from "@/lib/platform/import/field-spec";
import { TEST_NOW } from "../../support/clock";

const SPECS: [string, FieldSpec<string, unknown>][] = [
  ["customers", customerImportSpec],
  ["leads", leadImportSpec],
  ["orders", orderImportSpec],
  ["products", productImportSpec],
];

const validate = <F extends string, R>(spec: FieldSpec<F, R>, row: Partial<Record<F, string>>) => {
  const fields = Object.keys(row) as F[];
  const mapping = Object.fromEntries(fields.map((f, i) => [f, i])) as Partial<Record<F, number>>;
  return validateRows(spec, { rows: [fields.map((f) => row[f] ?? "")], lines: [2] }, mapping, { now: TEST_NOW })[0];
};

describe.each(SPECS)("the %s field spec", (_name, spec) => {
  test("every field has English and Chinese aliases, no alias belongs to two fields", () => {
    const owner = new Map<string, string>();
    for (const field of spec.fields) {
      const { en, zh } = spec.aliases[field];
      expect(en.length, field).toBeGreaterThan(0);
      expect(zh.length, field).toBeGreaterThan(0);
      for (const alias of [...en, ...zh]) {
        expect(owner.get(alias.toLowerCase()), `${alias} of ${field}`).toBeUndefined();
        owner.set(alias.toLowerCase(), field);
      }
    }
  });

  test("a file whose headers are the field names maps every field; its Chinese headers map too", () => {
    const english = guessMapping(spec, [...spec.fields]);
    expect(Object.values(english)).toEqual(spec.fields.map((_f, i) => i));
    const chinese = guessMapping(spec, spec.fields.map((f) => spec.aliases[f].zh[0]));
    expect(spec.required.every((f) => chinese[f] !== null)).toBe(true);
    expect(mappingProblem(spec, english, [...spec.fields])).toBeNull();
  });

  test("a mapping from the browser names only known fields: __proto__ and friends are refused", () => {
    expect(parseMapping(spec, JSON.stringify({ [spec.fields[0]]: 0 })).ok).toBe(true);
    expect(parseMapping(spec, '{"__proto__": 0}').ok).toBe(false);
    expect(parseMapping(spec, '{"constructor": 1}').ok).toBe(false);
    expect(parseMapping(spec, JSON.stringify({ [spec.fields[0]]: -1 })).ok).toBe(false);
    expect(parseMapping(spec, "not json").ok).toBe(false);
    expect(parseMapping(spec, null)).toEqual({ ok: true, mapping: null });
    expect(parseMapping(spec, '{"__proto__": {"polluted": true}}').ok).toBe(false);
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  test("the wizard's configuration is plain data", () => {
    const config = wizardConfig(spec, "/x/import");
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
    expect(config.modes[0]).toBe(spec.duplicateModes[0]);
  });
});

describe("lead rows", () => {
  test("good and bad rows", () => {
    expect(validate(leadImportSpec, { name: "Li", email: "LI@X.CN", source: "Web", owner: "Rep@Summit.test" })).toMatchObject({
      ok: true,
      value: { name: "Li", email: "li@x.cn", ownerEmail: "rep@summit.test" },
    });
    const bad = validate(leadImportSpec, { name: "", email: "x", source: "Web", owner: "boss" });
    expect(!bad.ok && bad.errors.map((e) => `${e.field}:${e.message}`).sort()).toEqual(["email:validation.email", "name:validation.required", "owner:validation.email"]);
  });
});

describe("product rows", () => {
  test("prices are exact cents, SKUs upper-case, active defaults to yes", () => {
    expect(validate(productImportSpec, { sku: "fb-100", name: "Fiber 100M", category: "Broadband", listPrice: "1,299.90", unitCost: "¥800", active: "" })).toMatchObject({
      ok: true,
      value: { sku: "FB-100", listPriceCents: 129_990n, unitCostCents: 80_000n, active: true },
    });
    expect(validate(productImportSpec, { sku: "X1", name: "X", category: "C", listPrice: "1", unitCost: "0", active: "否" })).toMatchObject({ ok: true, value: { active: false } });
  });

  test.each([
    ["listPrice", "12.345", "importValidation.money"],
    ["listPrice", "-5", "importValidation.money"],
    ["listPrice", "1e3", "importValidation.money"],
    ["unitCost", "", "validation.required"],
    ["active", "maybe", "importValidation.yesNo"],
    ["sku", "bad sku!", "products.errors.skuFormat"],
  ] as const)("%s %j: %s", (field, value, message) => {
    const row = validate(productImportSpec, { sku: "OK-1", name: "N", category: "C", listPrice: "1.00", unitCost: "0.50", [field]: value });
    expect(!row.ok && row.errors).toContainEqual({ field, message });
  });
});

describe("order line rows", () => {
  const good = { orderNumber: "SO-1", orderedAt: "2025-03-01 14:30", customerEmail: "A@B.CN", sku: "fb-100", quantity: "3", unitPrice: "19.99", discount: "0.97", lineTotal: "59.00" };

  test("a good line: exact cents, the total checked, the time read as UTC", () => {
    const row = validate(orderImportSpec, good);
    expect(row).toMatchObject({ ok: true, value: { orderNumber: "SO-1", customerEmail: "a@b.cn", sku: "FB-100", quantity: 3, unitPriceCents: 1999n, discountCents: 97n, lineTotalCents: 5900n, status: "COMPLETED" } });
    expect(row.ok && row.value.orderedAt.toISOString()).toBe("2025-03-01T14:30:00.000Z");
    const offset = validate(orderImportSpec, { ...good, orderedAt: "2025-03-01T08:00:00+08:00" });
    expect(offset.ok && offset.value.orderedAt.toISOString()).toBe("2025-03-01T00:00:00.000Z");
  });

  test.each([
    [{ lineTotal: "59.01" }, "lineTotal", "orderImport.errors.lineTotal"],
    [{ discount: "100" }, "discount", "orderImport.errors.discount"],
    [{ customerEmail: "" }, "customerId", "orderImport.errors.noCustomer"],
    [{ quantity: "1.5" }, "quantity", "importValidation.quantity"],
    [{ quantity: "0" }, "quantity", "importValidation.quantity"],
    [{ unitPrice: "19.999" }, "unitPrice", "importValidation.money"],
    [{ orderedAt: "2026-06-11" }, "orderedAt", "importValidation.date"],
    [{ orderedAt: "2025-02-29" }, "orderedAt", "importValidation.date"],
    [{ status: "lost in space" }, "status", "validation.choose"],
    [{ customerPhone: "12" }, "customerPhone", "validation.phone"],
  ] as const)("%j fails on %s", (change, field, message) => {
    const row = validate(orderImportSpec, { ...good, ...change });
    expect(!row.ok && row.errors).toContainEqual({ field, message });
  });

  test("a failed line keeps its order number, so the rest of its order fails with it", () => {
    const row = validate(orderImportSpec, { ...good, quantity: "-1" });
    expect(row).toMatchObject({ ok: false, group: "SO-1" });
  });

  test("one way to find the customer must be mapped", () => {
    expect(mappingProblem(orderImportSpec, guessMapping(orderImportSpec, ["order number", "date", "sku", "qty", "price"]), ["a", "b", "c", "d", "e"])).toEqual({
      code: "import.errors.missingColumns",
      columns: "customerId / customerEmail / customerPhone",
    });
    expect(mappingProblem(orderImportSpec, guessMapping(orderImportSpec, ["订单号", "订单日期", "手机", "商品编码", "数量", "单价"]), ["a", "b", "c", "d", "e", "f"])).toBeNull();
  });
});
