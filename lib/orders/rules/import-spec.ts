/**
 * Order history import (orders and their lines from an ERP or billing export, one line per row):
 * fields, header aliases, the row schema, and the pure part of the run — grouping lines into orders,
 * checking that an order's lines agree, and its totals in exact integer cents. The writing is
 * lib/orders/import.ts.
 */
import { z } from "zod";
import { phoneKey } from "@/lib/customers/rules/duplicates";
import { EXTERNAL_ID } from "@/lib/customers/rules/import-spec";
import { type FieldSpec, MB, type RowContext, type ValidatedRow } from "@/lib/platform/import/field-spec";
import { MAX_CENTS, parseDateTime, parseMoneyCents, parseWholeNumber } from "@/lib/platform/import/values";

export const ORDER_IMPORT_FIELDS = [
  "orderNumber",
  "orderedAt",
  "customerId",
  "customerEmail",
  "customerPhone",
  "status",
  "sku",
  "quantity",
  "unitPrice",
  "discount",
  "lineTotal",
] as const;
export type OrderImportField = (typeof ORDER_IMPORT_FIELDS)[number];

export type ImportedOrderStatus = "COMPLETED" | "CANCELLED" | "RETURNED";

const STATUS_ALIASES: Record<string, ImportedOrderStatus> = {
  completed: "COMPLETED",
  complete: "COMPLETED",
  paid: "COMPLETED",
  done: "COMPLETED",
  delivered: "COMPLETED",
  shipped: "COMPLETED",
  已完成: "COMPLETED",
  完成: "COMPLETED",
  已付款: "COMPLETED",
  cancelled: "CANCELLED",
  canceled: "CANCELLED",
  void: "CANCELLED",
  已取消: "CANCELLED",
  取消: "CANCELLED",
  returned: "RETURNED",
  refunded: "RETURNED",
  已退货: "RETURNED",
  退货: "RETURNED",
  已退款: "RETURNED",
};

export type OrderLineRow = {
  orderNumber: string;
  orderedAt: Date;
  customerExternalId: string | null;
  customerEmail: string | null;
  /** Comparable phone digits (the customers' phoneDigits). */
  customerPhone: string | null;
  status: ImportedOrderStatus;
  sku: string;
  quantity: number;
  unitPriceCents: bigint;
  discountCents: bigint;
  /** quantity × unit price − discount; when the file states it, it must agree. */
  lineTotalCents: bigint;
};

/** Remembers a cell's reading: an order's lines repeat its date, customer and status. */
function memo<T>(read: (raw: string) => T): (raw: string) => T {
  const seen = new Map<string, T>();
  return (raw) => {
    let value = seen.get(raw);
    if (value === undefined && !seen.has(raw)) {
      value = read(raw);
      if (seen.size < 100_000) seen.set(raw, value);
    }
    return value as T;
  };
}

/**
 * One pass over the row's cells in a single transform, with the order-level cells' readings
 * remembered for the file: 100,000 lines are checked in well under a second, where one zod
 * transform per field took several (measured on the order bench).
 */
function orderLineSchema({ now }: RowContext): z.ZodType<OrderLineRow> {
  const date = memo((raw) => parseDateTime(raw, now));
  const email = memo((raw) => (z.regexes.email.test(raw.toLowerCase()) && raw.length <= 254 ? raw.toLowerCase() : null));
  const phone = memo((raw) => phoneKey(raw));
  const externalId = memo((raw) => EXTERNAL_ID.test(raw) && raw.length <= 100);
  const status = memo((raw): ImportedOrderStatus | null => (raw ? (STATUS_ALIASES[raw.toLowerCase()] ?? STATUS_ALIASES[raw] ?? null) : "COMPLETED"));
  const cell = z.string();
  return z.object(Object.fromEntries(ORDER_IMPORT_FIELDS.map((f) => [f, cell])) as Record<OrderImportField, typeof cell>).transform((v, ctx): OrderLineRow => {
    let failed = false;
    const issue = (field: OrderImportField, message: string) => {
      failed = true;
      ctx.addIssue({ code: "custom", path: [field], message });
    };
    if (!v.orderNumber) issue("orderNumber", "validation.required");
    else if (v.orderNumber.length > 100) issue("orderNumber", "validation.tooLong");
    const orderedAt = v.orderedAt ? date(v.orderedAt) : null;
    if (!v.orderedAt) issue("orderedAt", "validation.required");
    else if (!orderedAt) issue("orderedAt", "importValidation.date");
    if (v.customerId && !externalId(v.customerId)) issue("customerId", "importValidation.externalId");
    const customerEmail = v.customerEmail ? email(v.customerEmail) : null;
    if (v.customerEmail && !customerEmail) issue("customerEmail", "validation.email");
    const customerPhone = v.customerPhone ? phone(v.customerPhone) : null;
    if (v.customerPhone && !customerPhone) issue("customerPhone", "validation.phone");
    if (!v.customerId && !v.customerEmail && !v.customerPhone) issue("customerId", "orderImport.errors.noCustomer");
    const lineStatus = status(v.status);
    if (!lineStatus) issue("status", "validation.choose");
    const sku = v.sku.toUpperCase();
    if (!sku) issue("sku", "validation.required");
    else if (sku.length > 40) issue("sku", "validation.tooLong");
    const quantity = parseWholeNumber(v.quantity, 1, 1_000_000);
    if (!v.quantity) issue("quantity", "validation.required");
    else if (quantity === null) issue("quantity", "importValidation.quantity");
    const unitPrice = v.unitPrice ? parseMoneyCents(v.unitPrice) : null;
    if (!v.unitPrice) issue("unitPrice", "validation.required");
    else if (unitPrice === null) issue("unitPrice", "importValidation.money");
    const discount = v.discount ? parseMoneyCents(v.discount) : 0n;
    if (discount === null) issue("discount", "importValidation.money");
    const stated = v.lineTotal ? parseMoneyCents(v.lineTotal) : null;
    if (v.lineTotal && stated === null) issue("lineTotal", "importValidation.money");
    let lineTotalCents = 0n;
    if (quantity !== null && unitPrice !== null && discount !== null) {
      const gross = BigInt(quantity) * unitPrice;
      lineTotalCents = gross - discount;
      if (discount > gross) issue("discount", "orderImport.errors.discount");
      else if (lineTotalCents > MAX_CENTS) issue("lineTotal", "importValidation.money");
      else if (stated !== null && stated !== lineTotalCents) issue("lineTotal", "orderImport.errors.lineTotal");
    }
    if (failed || !orderedAt || !lineStatus || quantity === null || unitPrice === null || discount === null) return z.NEVER;
    return {
      orderNumber: v.orderNumber,
      orderedAt,
      customerExternalId: v.customerId || null,
      customerEmail,
      customerPhone,
      status: lineStatus,
      sku,
      quantity,
      unitPriceCents: unitPrice,
      discountCents: discount,
      lineTotalCents,
    };
  });
}

export const orderImportSpec: FieldSpec<OrderImportField, OrderLineRow> = {
  messages: "orderImport",
  fields: ORDER_IMPORT_FIELDS,
  required: ["orderNumber", "orderedAt", "sku", "quantity", "unitPrice"],
  requiredOneOf: [["customerId", "customerEmail", "customerPhone"]],
  groupBy: "orderNumber",
  aliases: {
    orderNumber: { en: ["order", "order id", "order no", "order no.", "order number", "invoice", "invoice no", "invoice number", "document no", "order ref"], zh: ["订单号", "订单编号", "单号", "发票号", "单据编号"] },
    orderedAt: { en: ["date", "order date", "ordered at", "ordered", "invoice date", "created", "created at", "order time"], zh: ["订单日期", "下单日期", "下单时间", "日期", "开票日期"] },
    customerId: { en: ["customer id", "customer no", "customer number", "customer code", "account id", "client id", "external customer id"], zh: ["客户编号", "客户编码", "客户代码"] },
    customerEmail: { en: ["email", "e-mail", "customer email", "email address"], zh: ["邮箱", "客户邮箱", "电子邮箱"] },
    customerPhone: { en: ["phone", "customer phone", "mobile", "tel", "telephone"], zh: ["电话", "手机", "客户电话", "联系电话"] },
    status: { en: ["status", "order status", "state"], zh: ["状态", "订单状态"] },
    sku: { en: ["sku", "product code", "product sku", "item code", "item", "article", "part number"], zh: ["商品编码", "产品编码", "物料编码", "货号", "商品编号"] },
    quantity: { en: ["quantity", "qty", "units", "count"], zh: ["数量"] },
    unitPrice: { en: ["unit price", "price", "unit_price", "price per unit"], zh: ["单价", "价格"] },
    discount: { en: ["discount", "discount amount", "rebate"], zh: ["折扣", "折扣金额", "优惠", "优惠金额"] },
    lineTotal: { en: ["line total", "amount", "total", "line amount", "subtotal", "net amount"], zh: ["金额", "小计", "行金额", "总金额"] },
  },
  schema: orderLineSchema,
  duplicateModes: ["skip"],
  // 100,000 lines of a typical ERP export are 8–12 MB.
  limits: { maxBytes: 64 * MB, maxRows: 250_000 },
};

export type OrderLineInput = { line: number; value: OrderLineRow };

export type GroupedOrder = {
  orderNumber: string;
  orderedAt: Date;
  status: ImportedOrderStatus;
  customer: { externalId: string | null; email: string | null; phone: string | null };
  lines: OrderLineInput[];
  /** The first line of the order in the file: its report line. */
  line: number;
};

export type OrderGroupFailure = { orderNumber: string; lines: number[]; reason: "invalidLine" | "inconsistent"; detail: string };

/**
 * Lines → orders by order number, in file order. An order is taken whole or not at all: when one of
 * its lines failed validation, or its lines disagree on the date, the customer or the status, every
 * line of it fails (re-importing the corrected file then adds it, since nothing of it was kept).
 */
export function groupOrderLines(rows: readonly ValidatedRow<OrderLineRow>[]): { orders: GroupedOrder[]; failures: OrderGroupFailure[] } {
  const byNumber = new Map<string, OrderLineInput[]>();
  const badLines = new Map<string, number[]>();
  for (const row of rows) {
    if (row.ok) {
      const list = byNumber.get(row.value.orderNumber) ?? [];
      list.push({ line: row.line, value: row.value });
      byNumber.set(row.value.orderNumber, list);
    } else if (row.group !== undefined) {
      const list = badLines.get(row.group) ?? [];
      list.push(row.line);
      badLines.set(row.group, list);
    }
  }
  const orders: GroupedOrder[] = [];
  const failures: OrderGroupFailure[] = [];
  for (const [orderNumber, lines] of byNumber) {
    const bad = badLines.get(orderNumber);
    if (bad) {
      failures.push({ orderNumber, lines: lines.map((l) => l.line), reason: "invalidLine", detail: bad.join(", ") });
      continue;
    }
    const first = lines[0].value;
    const differs = (["orderedAt", "status", "customer"] as const).find((field) =>
      lines.some(({ value }) =>
        field === "orderedAt"
          ? value.orderedAt.getTime() !== first.orderedAt.getTime()
          : field === "status"
            ? value.status !== first.status
            : value.customerExternalId !== first.customerExternalId || value.customerEmail !== first.customerEmail || value.customerPhone !== first.customerPhone,
      ),
    );
    if (differs) {
      failures.push({ orderNumber, lines: lines.map((l) => l.line), reason: "inconsistent", detail: differs });
      continue;
    }
    orders.push({
      orderNumber,
      orderedAt: first.orderedAt,
      status: first.status,
      customer: { externalId: first.customerExternalId, email: first.customerEmail, phone: first.customerPhone },
      lines,
      line: lines[0].line,
    });
  }
  return { orders, failures };
}

/** An order's totals from its lines and the products' unit costs: exact cents, never a float. */
export function orderTotals(lines: readonly { quantity: number; lineTotalCents: bigint; unitCostCents: bigint }[]): { totalCents: bigint; costCents: bigint; marginCents: bigint; lineCosts: bigint[] } {
  let totalCents = 0n;
  let costCents = 0n;
  const lineCosts: bigint[] = [];
  for (const l of lines) {
    const cost = BigInt(l.quantity) * l.unitCostCents;
    lineCosts.push(cost);
    totalCents += l.lineTotalCents;
    costCents += cost;
  }
  return { totalCents, costCents, marginCents: totalCents - costCents, lineCosts };
}
