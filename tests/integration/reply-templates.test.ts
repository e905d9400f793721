import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import type { Actor } from "@/lib/platform/auth/permissions";
import { ConflictError, NotAllowedError, RuleError } from "@/lib/platform/errors";
import { DEFAULT_REPLY_TEMPLATES } from "@/lib/tickets/rules/reply-templates";
import { deleteReplyTemplateAction, saveReplyTemplateAction } from "@/lib/tickets/template-actions";
import { ensureDefaultReplyTemplatesSql } from "@/lib/tickets/template-defaults";
import { deleteReplyTemplate, ensureDefaultReplyTemplates, getReplyTemplate, listReplyTemplates, type ReplyTemplateInput, saveReplyTemplate } from "@/lib/tickets/templates";
import { auditSince, callAs, formOf, lastAuditId } from "../support/actions";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

let db: TestDatabase;
let people: People;

const input = (over: Partial<ReplyTemplateInput> = {}): ReplyTemplateInput => ({ category: "technical", locale: "en", name: "Line check", body: "Dear {contact}, we are checking the line (ticket #{ticket}).", ...over });

async function denials(actor: Actor): Promise<number> {
  return db.prisma.auditLog.count({ where: { action: "DENIED", entity: "ReplyTemplate", userId: actor.id } });
}

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
});
afterAll(() => db.close());
// Each test starts from an empty table.
beforeEach(async () => {
  await db.prisma.replyTemplate.deleteMany();
});

describe("filling an empty table with the defaults", () => {
  test("ensureDefaultReplyTemplates inserts every default once, and never tops up a table that has templates", async () => {
    const from = await lastAuditId(db);
    expect(await ensureDefaultReplyTemplates(db.prisma)).toBe(DEFAULT_REPLY_TEMPLATES.length);
    expect(await ensureDefaultReplyTemplates(db.prisma)).toBe(0);
    expect(await db.prisma.replyTemplate.count()).toBe(DEFAULT_REPLY_TEMPLATES.length);
    expect((await auditSince(db, from)).map((a) => [a.action, a.entity])).toEqual([["CREATE", "ReplyTemplate"]]);
    // One template left is not "empty": nothing comes back.
    const keep = await db.prisma.replyTemplate.findFirstOrThrow({ select: { id: true } });
    await db.prisma.replyTemplate.deleteMany({ where: { id: { not: keep.id } } });
    expect(await ensureDefaultReplyTemplates(db.prisma)).toBe(0);
    expect(await db.prisma.replyTemplate.count()).toBe(1);
  });

  test("the seed's SQL variant does the same, stamped with the seed's instant", async () => {
    const at = new Date("2026-03-10T00:00:00Z");
    expect(await ensureDefaultReplyTemplatesSql(db.sql, at)).toBe(DEFAULT_REPLY_TEMPLATES.length);
    expect(await ensureDefaultReplyTemplatesSql(db.sql, at)).toBe(0);
    const rows = await db.prisma.replyTemplate.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.category, r.locale, r.name, r.body])).toEqual(DEFAULT_REPLY_TEMPLATES.map((t) => [t.category, t.locale, t.name, t.body]));
    expect(rows.every((r) => r.createdAt.getTime() === at.getTime() && r.updatedAt.getTime() === at.getTime() && r.version === 1)).toBe(true);
  });
});

describe("reading templates", () => {
  test("filtered by category and/or language, ordered by category, language and name", async () => {
    await ensureDefaultReplyTemplates(db.prisma);
    const billing = await listReplyTemplates(people.admin, { category: "billing" });
    expect(billing.length).toBe(DEFAULT_REPLY_TEMPLATES.filter((t) => t.category === "billing").length);
    expect(billing.every((t) => t.category === "billing")).toBe(true);
    const zh = await listReplyTemplates(people.admin, { locale: "zh-CN" });
    expect(zh.length).toBe(DEFAULT_REPLY_TEMPLATES.filter((t) => t.locale === "zh-CN").length);
    expect(zh.every((t) => t.locale === "zh-CN")).toBe(true);
    const both = await listReplyTemplates(people.admin, { category: "complaint", locale: "en" });
    expect(both.map((t) => t.name)).toEqual(
      DEFAULT_REPLY_TEMPLATES.filter((t) => t.category === "complaint" && t.locale === "en")
        .map((t) => t.name)
        .sort(),
    );
    const all = await listReplyTemplates(people.admin);
    expect(all).toHaveLength(DEFAULT_REPLY_TEMPLATES.length);
    // Names sort by the database's collation (Chinese names differ between servers): check the grouping only.
    const groups = all.map((t) => `${t.category}/${t.locale}`);
    expect(groups).toEqual([...groups].sort());
    expect(all[0].snapshot).toEqual({ category: all[0].category, locale: all[0].locale, name: all[0].name, body: all[0].body });
  });

  test("whoever may edit tickets reads them (an agent too); a rep is refused with a DENIED row", async () => {
    await ensureDefaultReplyTemplates(db.prisma);
    expect((await listReplyTemplates(people.agent, { category: "orders" })).length).toBeGreaterThan(0);
    expect((await listReplyTemplates(people.managerEast, { category: "orders" })).length).toBeGreaterThan(0);
    const before = await denials(people.repEast);
    await expect(listReplyTemplates(people.repEast)).rejects.toBeInstanceOf(NotAllowedError);
    expect(await denials(people.repEast)).toBe(before + 1);
  });

  test("opening one for editing needs the right; a missing one is null", async () => {
    const { id } = await saveReplyTemplate(people.admin, input());
    expect(await getReplyTemplate(people.managerEast, id)).toMatchObject({ id, name: "Line check", version: 1 });
    expect(await getReplyTemplate(people.admin, 999_999)).toBeNull();
    const before = await denials(people.agent);
    await expect(getReplyTemplate(people.agent, id)).rejects.toBeInstanceOf(NotAllowedError);
    expect(await denials(people.agent)).toBe(before + 1);
  });
});

describe("writing templates", () => {
  test.each(["admin", "managerEast"] as const)("%s creates, edits and deletes a template, each audited", async (who) => {
    const actor = people[who];
    const from = await lastAuditId(db);
    const created = await saveReplyTemplate(actor, input({ name: `  Line check by ${who}  ` }));
    expect(created.version).toBe(1);
    const loaded = (await getReplyTemplate(actor, created.id))!;
    expect(loaded).toMatchObject({ category: "technical", locale: "en", name: `Line check by ${who}`, version: 1 });

    const saved = await saveReplyTemplate(actor, { ...input({ name: `Line check by ${who}`, body: "Dear {contact}, the line is fine again." }), id: created.id }, { version: loaded.version, seen: loaded.snapshot });
    expect(saved).toEqual({ id: created.id, version: 2 });
    expect(await getReplyTemplate(actor, created.id)).toMatchObject({ body: "Dear {contact}, the line is fine again.", version: 2 });

    await deleteReplyTemplate(actor, created.id, 2);
    expect(await db.prisma.replyTemplate.findUnique({ where: { id: created.id } })).toBeNull();

    const audit = await db.prisma.auditLog.findMany({ where: { id: { gt: from }, entity: "ReplyTemplate" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.userId, a.entityId])).toEqual([
      ["CREATE", actor.id, String(created.id)],
      ["UPDATE", actor.id, String(created.id)],
      ["DELETE", actor.id, String(created.id)],
    ]);
    expect(audit[1].changes).toMatchObject({ body: { from: "Dear {contact}, we are checking the line (ticket #{ticket}).", to: "Dear {contact}, the line is fine again." } });
  });

  test.each(["repEast", "agent"] as const)("a %s may not create, edit or delete: refused with a DENIED row, nothing written", async (who) => {
    const actor = people[who];
    const { id } = await saveReplyTemplate(people.admin, input());
    const before = await denials(actor);
    await expect(saveReplyTemplate(actor, input({ name: "Mine" }))).rejects.toBeInstanceOf(NotAllowedError);
    await expect(saveReplyTemplate(actor, { ...input({ name: "Renamed" }), id }, 1)).rejects.toBeInstanceOf(NotAllowedError);
    await expect(deleteReplyTemplate(actor, id, 1)).rejects.toBeInstanceOf(NotAllowedError);
    expect(await denials(actor)).toBe(before + 3);
    const rows = await db.prisma.replyTemplate.findMany();
    expect(rows.map((r) => [r.id, r.name, r.version])).toEqual([[id, "Line check", 1]]);
  });

  test("a stale save is refused with a ConflictError naming what the other save changed; so is a stale delete", async () => {
    const { id } = await saveReplyTemplate(people.admin, input());
    const seenByManager = (await getReplyTemplate(people.managerEast, id))!;
    // The admin saves first …
    await saveReplyTemplate(people.admin, { ...input({ body: "Admin's text" }), id }, { version: 1, seen: seenByManager.snapshot });
    // … so the manager's save, made on version 1, must not overwrite it.
    const error = await saveReplyTemplate(people.managerEast, { ...input({ name: "Manager's name" }), id }, { version: seenByManager.version, seen: seenByManager.snapshot }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    const conflict = error as ConflictError;
    expect(conflict.version).toBe(2);
    expect(conflict.changes).toEqual([{ field: "body", old: "Dear {contact}, we are checking the line (ticket #{ticket}).", current: "Admin's text" }]);
    await expect(deleteReplyTemplate(people.managerEast, id, 1)).rejects.toBeInstanceOf(ConflictError);
    expect(await db.prisma.replyTemplate.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "Line check", body: "Admin's text", version: 2 });
    // Saving over the version stored now is a deliberate overwrite, and works.
    expect(await saveReplyTemplate(people.managerEast, { ...input({ name: "Manager's name" }), id }, { version: conflict.version, seen: conflict.current })).toEqual({ id, version: 3 });
  });

  test("a name is unique per category and language (case ignored): refused as a field error; other languages and categories may share it", async () => {
    const { id } = await saveReplyTemplate(people.admin, input({ name: "Resolved" }));
    for (const attempt of [input({ name: "Resolved" }), input({ name: "resolved" })]) {
      const error = await saveReplyTemplate(people.admin, attempt).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RuleError);
      expect(error).toMatchObject({ message: "service.templates.errors.nameTaken", field: "name" });
    }
    await saveReplyTemplate(people.admin, input({ name: "Resolved", locale: "zh-CN" }));
    await saveReplyTemplate(people.admin, input({ name: "Resolved", category: "billing" }));
    const other = await saveReplyTemplate(people.admin, input({ name: "Other" }));
    await expect(saveReplyTemplate(people.admin, { ...input({ name: "RESOLVED" }), id: other.id }, 1)).rejects.toMatchObject({ field: "name" });
    // Keeping its own name is no clash.
    expect(await saveReplyTemplate(people.admin, { ...input({ name: "Resolved", body: "New text" }), id }, 1)).toEqual({ id, version: 2 });
    expect(await db.prisma.replyTemplate.count()).toBe(4);
  });

  test("the data layer checks its input itself, however it is reached", async () => {
    await expect(saveReplyTemplate(people.admin, { ...input(), category: "gardening" as "technical" })).rejects.toThrow();
    await expect(saveReplyTemplate(people.admin, input({ name: "   " }))).rejects.toThrow();
    await expect(saveReplyTemplate(people.admin, { ...input(), id: 1 })).rejects.toBeInstanceOf(NotAllowedError);
    expect(await db.prisma.replyTemplate.count()).toBe(0);
  });
});

describe("the actions", () => {
  test("save and delete through the forms: field errors, a conflict, success, refusals", async () => {
    const fields = { category: "orders", locale: "zh-CN", name: "物流查询", body: "{contact}，您好：关于工单 #{ticket} …" };
    expect(await callAs(people.managerEast.id, () => saveReplyTemplateAction(null, formOf(fields)))).toEqual({ kind: "redirect", to: "/admin/reply-templates?category=orders&saved=1" });
    const row = await db.prisma.replyTemplate.findFirstOrThrow({ where: { name: "物流查询" } });

    const duplicate = await callAs(people.admin.id, () => saveReplyTemplateAction(null, formOf(fields)));
    expect(duplicate).toMatchObject({ kind: "result", result: { ok: false, fieldErrors: { name: "service.templates.errors.nameTaken" } } });

    const invalid = await callAs(people.admin.id, () => saveReplyTemplateAction(null, formOf({ ...fields, category: "", body: "" })));
    expect(invalid).toMatchObject({ kind: "result", result: { ok: false, fieldErrors: { category: "validation.choose", body: "validation.required" } } });

    const stale = await callAs(people.admin.id, () => saveReplyTemplateAction(null, formOf({ ...fields, id: row.id, version: 7, snapshot: JSON.stringify({ name: "物流查询", body: "old" }) })));
    expect(stale).toMatchObject({ kind: "result", result: { ok: false, message: "service.templates.errors.conflict", conflict: { version: 1, changes: [{ field: "body", old: "old" }] } } });

    const from = await lastAuditId(db);
    const refused = await callAs(people.agent.id, () => deleteReplyTemplateAction(null, formOf({ id: row.id, version: 1 })));
    expect(refused).toMatchObject({ kind: "result", result: { ok: false, message: "errors.notAllowed" } });
    expect((await auditSince(db, from)).map((a) => a.action)).toEqual(["DENIED"]);

    expect(await callAs(people.admin.id, () => deleteReplyTemplateAction(null, formOf({ id: row.id, version: 1 })))).toEqual({ kind: "redirect", to: "/admin/reply-templates?deleted=1" });
    expect(await db.prisma.replyTemplate.count()).toBe(0);
  });
});
