import "server-only";
import { CACHE_TAGS, invalidateCache } from "@/lib/platform/cache";
import { type Actor, can } from "@/lib/platform/auth/permissions";
import { diffRecords } from "@/lib/platform/audit-diff";
import { formatCents } from "@/lib/platform/money";
import { type ProductImportField, type ProductImportRow, productImportSpec } from "@/lib/products/rules/import-spec";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DuplicateMode, ValidatedRow } from "@/lib/platform/import/field-spec";
import type { ImportTarget } from "@/lib/platform/import/handlers";
import { type ImportProgress, type ImportReport, ImportReportBuilder, inBatches } from "@/lib/platform/import/report";
import { transaction } from "@/lib/platform/db/prisma";
import { NotAllowedError } from "@/lib/platform/errors";

export const PRODUCT_IMPORT_BATCH = 500;

const SELECT = { id: true, sku: true, name: true, categoryId: true, listPrice: true, unitCost: true, active: true, externalId: true } as const;
type Existing = Prisma.ProductGetPayload<{ select: typeof SELECT }>;

/** The audited view of a product, as the product form's audit rows have it (money as exact text). */
function audited(p: { sku: string; name: string; categoryId: number; listPrice: string; unitCost: string; active: boolean; externalId: string | null }) {
  return { sku: p.sku, name: p.name, categoryId: p.categoryId, listPrice: p.listPrice, unitCost: p.unitCost, active: p.active, externalId: p.externalId };
}

const fromRow = (row: Existing) => audited({ ...row, listPrice: row.listPrice.toFixed(2), unitCost: row.unitCost.toFixed(2) });

/**
 * Imports the price list in ONE transaction (all or nothing on an unexpected failure). Products are
 * matched by SKU: an existing one is skipped or updated, as chosen. Categories are found by name
 * (case-insensitive); a category the file names that does not exist yet is created, and audited.
 * A row whose external id belongs to another product, or whose SKU came earlier in the file, fails.
 */
export async function importProducts(actor: Actor, rows: ValidatedRow<ProductImportRow>[], mode: DuplicateMode, onProgress?: ImportProgress): Promise<ImportReport> {
  if (!can(actor, "product.edit")) throw new NotAllowedError({ userId: actor.id, action: "product.edit", entity: "Product", entityId: null });
  const report = new ImportReportBuilder(productImportSpec.messages);
  const valid = report.validOnly(rows);

  await transaction(async (tx) => {
    const names = [...new Map(valid.map((r) => [r.value.category.toLowerCase(), r.value.category])).values()];
    const known = await tx.productCategory.findMany({ where: { name: { in: names, mode: "insensitive" } }, select: { id: true, name: true } });
    const categoryId = new Map(known.map((c) => [c.name.toLowerCase(), c.id]));
    const missing = names.filter((n) => !categoryId.has(n.toLowerCase()));
    if (missing.length > 0) {
      const created = await tx.productCategory.createManyAndReturn({ data: missing.map((name) => ({ name })), select: { id: true, name: true } });
      for (const c of created) categoryId.set(c.name.toLowerCase(), c.id);
      await tx.auditLog.createMany({
        data: created.map((c) => ({ userId: actor.id, action: "CREATE", entity: "ProductCategory", entityId: String(c.id), changes: JSON.parse(JSON.stringify(diffRecords(null, { name: c.name }))) as Prisma.InputJsonValue })),
      });
    }

    const existing = await tx.product.findMany({
      where: { OR: [{ sku: { in: valid.map((r) => r.value.sku) } }, { externalId: { in: valid.map((r) => r.value.externalId).filter((x): x is string => x !== null) } }] },
      select: SELECT,
    });
    const bySku = new Map(existing.map((p) => [p.sku, p]));
    const byExternalId = new Map(existing.filter((p) => p.externalId !== null).map((p) => [p.externalId, p]));
    const seenSku = new Set<string>();
    const seenExternalId = new Set<string>();

    await inBatches(valid, PRODUCT_IMPORT_BATCH, onProgress, async (batch) => {
      const toCreate: { line: number; data: Prisma.ProductCreateManyInput }[] = [];
      const audits: Prisma.AuditLogCreateManyInput[] = [];
      for (const { line, value } of batch) {
        if (seenSku.has(value.sku)) {
          report.skip(line, "duplicateInFile", { name: value.sku });
          continue;
        }
        seenSku.add(value.sku);
        const current = bySku.get(value.sku);
        const holder = value.externalId ? byExternalId.get(value.externalId) : undefined;
        if (value.externalId && ((holder && holder.sku !== value.sku) || (!holder && seenExternalId.has(value.externalId)))) {
          report.fail(line, "externalIdTaken", { name: value.sku, detail: value.externalId });
          continue;
        }
        if (value.externalId) seenExternalId.add(value.externalId);
        const incoming = audited({
          sku: value.sku,
          name: value.name,
          categoryId: categoryId.get(value.category.toLowerCase())!,
          listPrice: formatCents(value.listPriceCents),
          unitCost: formatCents(value.unitCostCents),
          active: value.active,
          // An update without an external id column keeps the one the product has.
          externalId: value.externalId ?? current?.externalId ?? null,
        });
        if (current) {
          if (mode === "skip") {
            report.skip(line, "exists", { id: current.id, name: value.sku, detail: `#${current.id} ${current.name}` });
            continue;
          }
          const before = fromRow(current);
          const changes = diffRecords(before, incoming);
          if (Object.keys(changes).length > 0) {
            await tx.product.update({ where: { id: current.id }, data: { ...incoming, version: { increment: 1 } } });
            audits.push({ userId: actor.id, action: "UPDATE", entity: "Product", entityId: String(current.id), changes: JSON.parse(JSON.stringify(changes)) as Prisma.InputJsonValue });
          }
          report.add({ line, status: "updated", id: current.id, name: value.sku, reason: "productImport.report.updated", detail: Object.keys(changes).join(", ") });
          continue;
        }
        toCreate.push({ line, data: incoming });
      }
      if (toCreate.length > 0) {
        const inserted = await tx.product.createManyAndReturn({ data: toCreate.map((c) => c.data), select: { id: true } });
        inserted.forEach(({ id }, i) => {
          const { line, data } = toCreate[i];
          report.add({ line, status: "imported", id, name: data.sku });
          audits.push({ userId: actor.id, action: "CREATE", entity: "Product", entityId: String(id), changes: JSON.parse(JSON.stringify(diffRecords(null, data))) as Prisma.InputJsonValue });
        });
      }
      if (audits.length > 0) {
        await tx.auditLog.createMany({ data: audits });
        await invalidateCache(tx, CACHE_TAGS.products);
      }
    });
  });
  return report.finish();
}

/** The price list through the import pipeline (admins only, like editing a product). */
export const productImport: ImportTarget<ProductImportField, ProductImportRow> = {
  spec: productImportSpec,
  action: "product.edit",
  entity: "Product",
  run: (actor, rows, options, onProgress) => importProducts(actor, rows, options.mode, onProgress),
};
