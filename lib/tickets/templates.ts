import "server-only";
import { z } from "zod";
import { LOCALES, type Locale } from "@/lib/i18n/config";
import { Prisma } from "@/lib/generated/prisma/client";
import { writeAudit } from "@/lib/platform/audit";
import { authorize, requireRight } from "@/lib/platform/auth/guard";
import { type Actor, can } from "@/lib/platform/auth/permissions";
import { checkVersion, type Expected, type Snapshot, type VersionedRecord, writeAtVersion } from "@/lib/platform/concurrency";
import { db, type Db, transaction, type Tx } from "@/lib/platform/db/prisma";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { TICKET_CATEGORIES, type TicketCategory } from "@/lib/tickets/rules/categories";
import { DEFAULT_REPLY_TEMPLATES, REPLY_TEMPLATE_BODY_MAX, REPLY_TEMPLATE_NAME_MAX } from "@/lib/tickets/rules/reply-templates";

/**
 * Reply templates (the data layer): read by everyone who answers tickets, written by whoever holds
 * `ticket.templates` (admins and managers). Every write names the version its editor loaded.
 */

const ENTITY = "ReplyTemplate";

/** One template as the form posts it; the data layer parses it again, however it was reached. */
export const replyTemplateInputSchema = z.object({
  category: z.enum(TICKET_CATEGORIES, { message: "validation.choose" }),
  locale: z.enum(LOCALES, { message: "validation.choose" }),
  name: z.string().trim().min(1, "validation.required").max(REPLY_TEMPLATE_NAME_MAX, "validation.tooLong"),
  body: z.string().trim().min(1, "validation.required").max(REPLY_TEMPLATE_BODY_MAX, "validation.tooLong"),
});
export type ReplyTemplateInput = z.infer<typeof replyTemplateInputSchema>;

export type ReplyTemplateDto = {
  id: number;
  category: string;
  locale: string;
  name: string;
  body: string;
  version: number;
  updatedAt: Date;
  /** The fields the editor shows, at `version`: posted back to explain a conflict. */
  snapshot: Snapshot;
};

export type ReplyTemplateFilter = { category?: TicketCategory; locale?: Locale };

const SELECT = { id: true, category: true, locale: true, name: true, body: true, version: true, updatedAt: true } as const satisfies Prisma.ReplyTemplateSelect;
type Row = Prisma.ReplyTemplateGetPayload<{ select: typeof SELECT }>;

function snapshotOf(row: Row): Snapshot {
  return { category: row.category, locale: row.locale, name: row.name, body: row.body };
}

const versioned = (row: Row): VersionedRecord => ({ version: row.version, snapshot: snapshotOf(row) });

function toDto(row: Row): ReplyTemplateDto {
  return { ...row, snapshot: snapshotOf(row) };
}

const audited = (row: Row) => ({ category: row.category, locale: row.locale, name: row.name, body: row.body });

/** Reading them is part of replying: whoever may edit some ticket, or the templates themselves. */
export function mayReadReplyTemplates(actor: Actor): boolean {
  return can(actor, "ticket.templates") || can(actor, "ticket.edit");
}

/** The templates, optionally of one category and/or language, by category, language and name. */
export async function listReplyTemplates(actor: Actor, filter: ReplyTemplateFilter = {}): Promise<ReplyTemplateDto[]> {
  // Neither right: refused with a DENIED row, like any read of something the role may not see.
  if (!mayReadReplyTemplates(actor)) await requireRight(actor, "ticket.templates", ENTITY);
  const prisma = await db();
  const rows = await prisma.replyTemplate.findMany({
    where: { ...(filter.category ? { category: filter.category } : {}), ...(filter.locale ? { locale: filter.locale } : {}) },
    select: SELECT,
    orderBy: [{ category: "asc" }, { locale: "asc" }, { name: "asc" }, { id: "asc" }],
  });
  return rows.map(toDto);
}

/** One template for its editor, or null when there is none with this id. */
export async function getReplyTemplate(actor: Actor, id: number): Promise<ReplyTemplateDto | null> {
  await requireRight(actor, "ticket.templates", ENTITY);
  const prisma = await db();
  const row = await prisma.replyTemplate.findUnique({ where: { id }, select: SELECT });
  return row ? toDto(row) : null;
}

const NAME_TAKEN = "service.templates.errors.nameTaken";

/**
 * Names are unique per category and language. The check ignores case ("Resolved" and "resolved"
 * would read as one template in the reply form's list); the unique index behind it catches a race
 * with another editor's save.
 */
async function assertNameFree(tx: Tx, input: ReplyTemplateInput, id: number | null): Promise<void> {
  const clash = await tx.replyTemplate.findFirst({
    where: { category: input.category, locale: input.locale, name: { equals: input.name, mode: "insensitive" }, ...(id !== null ? { id: { not: id } } : {}) },
    select: { id: true },
  });
  if (clash) throw new RuleError(NAME_TAKEN, "name");
}

function nameTaken(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new RuleError(NAME_TAKEN, "name");
  throw error;
}

/**
 * Creates a template (no `id`) or saves the one the editor loaded at `expected`: the version is part
 * of the update's WHERE, so a save made meanwhile turns this one into a ConflictError naming the
 * fields the other save changed.
 */
export async function saveReplyTemplate(actor: Actor, input: ReplyTemplateInput & { id?: number | null }, expected?: Expected): Promise<{ id: number; version: number }> {
  const id = input.id ?? null;
  return transaction(async (tx) => {
    authorize(actor, "ticket.templates", ENTITY, id);
    const data = replyTemplateInputSchema.parse(input);
    if (id === null) {
      await assertNameFree(tx, data, null);
      const created = await tx.replyTemplate.create({ data, select: SELECT }).catch(nameTaken);
      await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: ENTITY, entityId: created.id, before: null, after: audited(created) });
      return { id: created.id, version: created.version };
    }
    // An edit without the version it was loaded at could overwrite anything: not from our form.
    if (expected === undefined) throw new NotAllowedError();
    const before = await tx.replyTemplate.findUnique({ where: { id }, select: SELECT });
    if (!before) throw new NotAllowedError();
    checkVersion(ENTITY, id, expected, versioned(before));
    await assertNameFree(tx, data, id);
    await writeAtVersion(
      ENTITY,
      id,
      expected,
      (version) => tx.replyTemplate.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } }).catch(nameTaken),
      async () => {
        const now = await tx.replyTemplate.findUnique({ where: { id }, select: SELECT });
        if (!now) throw new NotAllowedError();
        return versioned(now);
      },
    );
    const after = await tx.replyTemplate.findUniqueOrThrow({ where: { id }, select: SELECT });
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: ENTITY, entityId: id, before: audited(before), after: audited(after) });
    return { id, version: after.version };
  });
}

/** Deletes the template the editor saw at `expected`; a save made meanwhile refuses the delete (ConflictError). */
export async function deleteReplyTemplate(actor: Actor, id: number, expected: Expected): Promise<void> {
  await transaction(async (tx) => {
    authorize(actor, "ticket.templates", ENTITY, id);
    const before = await tx.replyTemplate.findUnique({ where: { id }, select: SELECT });
    if (!before) throw new NotAllowedError();
    checkVersion(ENTITY, id, expected, versioned(before));
    await writeAtVersion(
      ENTITY,
      id,
      expected,
      (version) => tx.replyTemplate.deleteMany({ where: { id, version } }),
      async () => {
        const now = await tx.replyTemplate.findUnique({ where: { id }, select: SELECT });
        if (!now) throw new NotAllowedError();
        return versioned(now);
      },
    );
    await writeAudit(tx, { userId: actor.id, action: "DELETE", entity: ENTITY, entityId: id, before: audited(before), after: null });
  });
}

/**
 * Fills an empty template table with DEFAULT_REPLY_TEMPLATES (nothing when any template exists, so
 * an installation's own set is never topped up). Two callers at once insert one set: the unique
 * index skips the second. Returns how many were inserted. The demo seed has no Prisma client and
 * uses the SQL variant in lib/tickets/template-defaults.ts.
 */
export async function ensureDefaultReplyTemplates(client: Db): Promise<number> {
  if (await client.replyTemplate.findFirst({ select: { id: true } })) return 0;
  const { count } = await client.replyTemplate.createMany({ data: DEFAULT_REPLY_TEMPLATES.map((t) => ({ ...t })), skipDuplicates: true });
  if (count > 0) await writeAudit(client, { userId: null, action: "CREATE", entity: ENTITY, entityId: null, detail: { defaults: count } });
  return count;
}
