/**
 * Product import (the price list from an ERP or a spreadsheet): fields, header aliases and the row
 * schema. Products are matched by SKU; the writing is lib/products/import.ts.
 */
import { z } from "zod";
import { externalIdField } from "@/lib/customers/rules/import-spec";
import { type FieldSpec, MB } from "@/lib/platform/import/field-spec";
import { moneyCell, yesNoCell } from "@/lib/platform/import/values";
import { productInputSchema } from "@/lib/products/schema";

export const PRODUCT_IMPORT_FIELDS = ["sku", "name", "category", "listPrice", "unitCost", "active", "externalId"] as const;
export type ProductImportField = (typeof PRODUCT_IMPORT_FIELDS)[number];

export type ProductImportRow = {
  sku: string;
  name: string;
  category: string;
  listPriceCents: bigint;
  unitCostCents: bigint;
  active: boolean;
  externalId: string | null;
};

function productRowSchema(): z.ZodType<ProductImportRow> {
  return z
    .object({
      sku: productInputSchema.shape.sku,
      name: productInputSchema.shape.name,
      category: z.string().min(1, "validation.required").max(100, "validation.tooLong"),
      listPrice: moneyCell(),
      unitCost: moneyCell(),
      active: yesNoCell(true),
      externalId: externalIdField(),
    })
    .transform(({ listPrice, unitCost, ...rest }) => ({ ...rest, listPriceCents: listPrice, unitCostCents: unitCost }));
}

export const productImportSpec: FieldSpec<ProductImportField, ProductImportRow> = {
  messages: "productImport",
  fields: PRODUCT_IMPORT_FIELDS,
  required: ["sku", "name", "category", "listPrice", "unitCost"],
  aliases: {
    sku: { en: ["sku", "product code", "item code", "code", "article", "part number"], zh: ["商品编码", "产品编码", "物料编码", "货号", "编码"] },
    name: { en: ["name", "product", "product name", "item name", "description"], zh: ["名称", "产品名称", "商品名称", "品名"] },
    category: { en: ["category", "product category", "group", "product group"], zh: ["类别", "分类", "产品类别", "商品分类"] },
    listPrice: { en: ["list price", "price", "unit price", "retail price", "listprice"], zh: ["价格", "单价", "标价", "零售价"] },
    unitCost: { en: ["unit cost", "cost", "cost price", "purchase price", "unitcost"], zh: ["成本", "单位成本", "成本价", "进价"] },
    active: { en: ["active", "enabled", "status", "on sale"], zh: ["状态", "启用", "在售"] },
    externalId: { en: ["external id", "externalid", "product id", "erp id", "item id"], zh: ["外部编号", "产品编号", "商品ID"] },
  },
  schema: productRowSchema,
  duplicateModes: ["skip", "update"],
  limits: { maxBytes: 10 * MB, maxRows: 50_000 },
};
