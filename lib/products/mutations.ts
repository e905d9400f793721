import "server-only";
import { CACHE_TAGS, invalidateCache } from "@/lib/platform/cache";
import { type Actor, can } from "@/lib/platform/auth/permissions";
import { Prisma } from "@/lib/generated/prisma/client";
import { checkVersion, type Expected, fieldValue, type Snapshot, type VersionedRecord, writeAtVersion } from "@/lib/platform/concurrency";
import type { ProductInput } from "@/lib/products/schema";
import { writeAudit } from "@/lib/platform/audit";
import { db, transaction } from "@/lib/platform/db/prisma";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { authorize, requireRight } from "@/lib/platform/auth/guard";
import { parseIdParam } from "@/lib/platform/id-param";

export const PRODUCT_PAGE_SIZE = 50;

/**
 * Unit cost is margin information: only admins and managers (who approve discounts) see it. The
 * permission table has no row for it, so the rule lives here, next to the only code that reads cost.
 */
export function seesCost(actor: Actor): boolean {
  return actor.role === "ADMIN" || actor.role === "MANAGER";
}

export type ProductQuery = { q?: string; categoryId?: number; active: "active" | "inactive" | "all"; page: number };

export function parseProductQuery(params: Record<string, string | string[] | undefined>): ProductQuery {
  const one = (k: string) => {
    const v = params[k];
    const s = (Array.isArray(v) ? v[0] : v)?.trim();
    return s ? s : undefined;
  };
  const category = parseIdParam(one("category")) ?? undefined;
  const page = Number(one("page") ?? "1");
  const active = one("active");
  return {
    q: one("q")?.slice(0, 100),
    categoryId: category,
    active: active === "inactive" || active === "all" ? active : "active",
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

export type ProductDto = {
  id: number;
  sku: string;
  name: string;
  category: { id: number; name: string };
  listPrice: string;
  /** Null when the actor may not see cost. */
  unitCost: string | null;
  active: boolean;
  updatedAt: Date;
  version: number;
  /** The fields the product form edits, at `version` (cost only for who may see it): posted back to explain a conflict. */
  snapshot: Snapshot;
};

const SELECT = { id: true, sku: true, name: true, listPrice: true, unitCost: true, active: true, updatedAt: true, version: true, category: { select: { id: true, name: true } } } as const;
type Row = Prisma.ProductGetPayload<{ select: typeof SELECT }>;

function productSnapshot(actor: Actor, row: Row): Snapshot {
  return {
    sku: row.sku,
    name: row.name,
    category: row.category.name,
    listPrice: row.listPrice.toFixed(2),
    ...(seesCost(actor) ? { unitCost: row.unitCost.toFixed(2) } : {}),
    active: fieldValue(row.active),
  };
}

function toDto(actor: Actor, row: Row): ProductDto {
  return { ...row, listPrice: row.listPrice.toFixed(2), unitCost: seesCost(actor) ? row.unitCost.toFixed(2) : null, snapshot: productSnapshot(actor, row) };
}

/** The price list ordered by category then name (so the page groups by category), a page at a time. */
export async function listProducts(actor: Actor, query: ProductQuery): Promise<{ items: ProductDto[]; total: number; pages: number; showCost: boolean }> {
  await requireRight(actor, "product.read", "Product");
  const prisma = await db();
  const where: Prisma.ProductWhereInput = {
    ...(query.categoryId ? { categoryId: query.categoryId } : {}),
    ...(query.active === "all" ? {} : { active: query.active === "active" }),
    ...(query.q ? { OR: [{ name: { contains: query.q, mode: "insensitive" } }, { sku: { contains: query.q, mode: "insensitive" } }] } : {}),
  };
  const [total, rows] = await Promise.all([
    prisma.product.count({ where }),
    prisma.product.findMany({ where, select: SELECT, orderBy: [{ category: { name: "asc" } }, { name: "asc" }, { id: "asc" }], skip: (query.page - 1) * PRODUCT_PAGE_SIZE, take: PRODUCT_PAGE_SIZE }),
  ]);
  return { items: rows.map((r) => toDto(actor, r)), total, pages: Math.max(1, Math.ceil(total / PRODUCT_PAGE_SIZE)), showCost: seesCost(actor) };
}

export async function listCategories(actor: Actor): Promise<{ id: number; name: string }[]> {
  if (!can(actor, "product.read")) return [];
  const prisma = await db();
  return prisma.productCategory.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}

export async function getProduct(actor: Actor, id: number): Promise<ProductDto | null> {
  await requireRight(actor, "product.read", "Product");
  const prisma = await db();
  const row = await prisma.product.findUnique({ where: { id }, select: SELECT });
  return row ? toDto(actor, row) : null;
}

const audited = (row: Row) => ({ sku: row.sku, name: row.name, categoryId: row.category.id, listPrice: row.listPrice.toFixed(2), unitCost: row.unitCost.toFixed(2), active: row.active });

function data(input: ProductInput) {
  return { ...input, listPrice: new Prisma.Decimal(input.listPrice), unitCost: new Prisma.Decimal(input.unitCost) };
}

/** A unique-index violation on the SKU (a race with another admin's save) reads as the field error. */
function skuTaken(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new RuleError("products.errors.skuTaken", "sku");
  throw error;
}

export async function createProduct(actor: Actor, input: ProductInput): Promise<{ id: number }> {
  return transaction(async (tx) => {
    authorize(actor, "product.edit", "Product", null, {});
    if (await tx.product.findUnique({ where: { sku: input.sku }, select: { id: true } })) throw new RuleError("products.errors.skuTaken", "sku");
    if (!(await tx.productCategory.findUnique({ where: { id: input.categoryId }, select: { id: true } }))) throw new RuleError("validation.choose", "categoryId");
    const created = await tx.product.create({ data: data(input), select: SELECT }).catch(skuTaken);
    await invalidateCache(tx, CACHE_TAGS.products);
    await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: "Product", entityId: created.id, before: null, after: audited(created) });
    return { id: created.id };
  });
}

/**
 * Saves the product form loaded at `expected`: a save made meanwhile moved the version, so this
 * update matches nothing and the admin is told which fields the other save changed. (The version
 * replaces updatedAt as the token: two saves within the same millisecond shared an updatedAt.)
 */
export async function updateProduct(actor: Actor, id: number, expected: Expected, input: ProductInput): Promise<void> {
  await transaction(async (tx) => {
    authorize(actor, "product.edit", "Product", id, {});
    const before = await tx.product.findUnique({ where: { id }, select: SELECT });
    if (!before) throw new NotAllowedError();
    const versioned = (row: Row): VersionedRecord => ({ version: row.version, snapshot: productSnapshot(actor, row) });
    checkVersion("Product", id, expected, versioned(before));
    const clash = await tx.product.findFirst({ where: { sku: input.sku, id: { not: id } }, select: { id: true } });
    if (clash) throw new RuleError("products.errors.skuTaken", "sku");
    if (!(await tx.productCategory.findUnique({ where: { id: input.categoryId }, select: { id: true } }))) throw new RuleError("validation.choose", "categoryId");
    await writeAtVersion(
      "Product",
      id,
      expected,
      (version) => tx.product.updateMany({ where: { id, version }, data: { ...data(input), version: { increment: 1 } } }).catch(skuTaken),
      async () => {
        const now = await tx.product.findUnique({ where: { id }, select: SELECT });
        if (!now) throw new NotAllowedError();
        return versioned(now);
      },
    );
    const after = (await tx.product.findUnique({ where: { id }, select: SELECT }))!;
    await invalidateCache(tx, CACHE_TAGS.products);
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "Product", entityId: id, before: audited(before), after: audited(after) });
  });
}
