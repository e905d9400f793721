import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { getStaleDaysDefault } from "@/lib/opportunities/queries";
import { ConflictError, NotAllowedError } from "@/lib/platform/errors";
import * as actions from "@/lib/settings/actions";
import { getGeneralSettingsForEdit, saveSettingGroup } from "@/lib/settings/mutations";
import { readDefaultCurrency, readDefaultLocale, readDiscountApprovalThreshold, readRecycleBinRetentionDays } from "@/lib/settings/queries";
import { auditSince, businessFingerprint, callAs, formOf, lastAuditId } from "../support/actions";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

// revalidatePath needs Next's request store, which a test does not have.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

let db: TestDatabase;
let people: People;

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
});
afterAll(() => db.close());

type Result = { ok: boolean; message?: string | null; fieldErrors?: Record<string, string>; conflict?: { version: number; changes: { field: string; old: string | null; current: string | null }[] } };

async function post(userId: number, action: (prev: unknown, fd: FormData) => Promise<unknown>, fields: Record<string, string>): Promise<Result> {
  const outcome = await callAs(userId, () => action(null, formOf(fields)));
  expect(outcome.kind).toBe("result");
  return (outcome as { result: Result }).result;
}

const version = async (key: string) => String((await db.prisma.setting.findUnique({ where: { key } }))?.version ?? 0);

describe("defaults", () => {
  test("nothing stored: every reader gives the documented default, every form version 0", async () => {
    expect(await readDefaultCurrency()).toBe("CNY");
    expect(await readDefaultLocale()).toBeNull();
    expect(await readDiscountApprovalThreshold()).toEqual({ discountApprovalPct: "20.00", basisPoints: 2000 });
    expect(await readRecycleBinRetentionDays()).toBe(30);
    expect(await getStaleDaysDefault()).toBe(14);
    const edit = await getGeneralSettingsForEdit(people.admin);
    expect(edit).toMatchObject({
      regional: { value: { currency: "CNY", locale: null }, version: 0, snapshot: { currency: "CNY", locale: null } },
      pipeline: { value: { staleDays: 14 }, version: 0 },
      quotes: { value: { discountApprovalPct: "20.00" }, version: 0 },
      recycleBin: { value: { retentionDays: 30 }, version: 0 },
    });
  });
});

describe("saving", () => {
  test("each group saves at its version, is read by its feature, and is audited with before/after", async () => {
    const from = await lastAuditId(db);
    expect(await post(people.admin.id, actions.saveRegionalSettingsAction, { version: "0", currency: "USD", locale: "zh-CN" })).toEqual({ ok: true, message: "settings.saved" });
    expect(await post(people.admin.id, actions.savePipelineSettingsAction, { version: "0", staleDays: "21" })).toEqual({ ok: true, message: "settings.saved" });
    expect(await post(people.admin.id, actions.saveQuoteSettingsAction, { version: "0", discountApprovalPct: "12.5" })).toEqual({ ok: true, message: "settings.saved" });
    expect(await post(people.admin.id, actions.saveRecycleBinSettingsAction, { version: "0", retentionDays: "90" })).toEqual({ ok: true, message: "settings.saved" });
    expect(await readDefaultCurrency()).toBe("USD");
    expect(await readDefaultLocale()).toBe("zh-CN");
    expect(await getStaleDaysDefault()).toBe(21);
    expect(await readDiscountApprovalThreshold()).toEqual({ discountApprovalPct: "12.50", basisPoints: 1250 });
    expect(await readRecycleBinRetentionDays()).toBe(90);
    // The recycle-bin purge reads `recycleBin.retentionDays`; stale deals `pipeline.staleDays`.
    expect((await db.prisma.setting.findUniqueOrThrow({ where: { key: "recycleBin" } })).value).toEqual({ retentionDays: 90 });
    expect((await db.prisma.setting.findUniqueOrThrow({ where: { key: "pipeline" } })).value).toEqual({ staleDays: 21 });
    const audit = await db.prisma.auditLog.findMany({ where: { id: { gt: from } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.entity, a.entityId, a.userId])).toEqual([
      ["UPDATE", "Setting", "general", people.admin.id],
      ["UPDATE", "Setting", "pipeline", people.admin.id],
      ["UPDATE", "Setting", "quotes", people.admin.id],
      ["UPDATE", "Setting", "recycleBin", people.admin.id],
    ]);
    expect(audit[0].changes).toEqual({ currency: { from: "CNY", to: "USD" }, locale: { from: null, to: "zh-CN" } });
    expect(audit[1].changes).toEqual({ staleDays: { from: "14", to: "21" } });
    expect(audit[2].changes).toEqual({ discountApprovalPct: { from: "20.00", to: "12.50" } });
    expect(audit[3].changes).toEqual({ retentionDays: { from: "30", to: "90" } });
  });

  test("keys of a row this screen does not edit are kept", async () => {
    await db.prisma.setting.update({ where: { key: "pipeline" }, data: { value: { staleDays: 21, boardColumns: 6 }, version: { increment: 1 } } });
    await saveSettingGroup(people.admin, "pipeline", { staleDays: 30 }, Number(await version("pipeline")));
    expect((await db.prisma.setting.findUniqueOrThrow({ where: { key: "pipeline" } })).value).toEqual({ staleDays: 30, boardColumns: 6 });
  });

  test("a stale version is refused with the changed field; nothing is written; overwriting at the current version works", async () => {
    const edit = await getGeneralSettingsForEdit(people.admin);
    // Someone else saves first.
    await saveSettingGroup(people.admin, "recycleBin", { retentionDays: 120 }, { version: edit.recycleBin.version, seen: edit.recycleBin.snapshot });
    const before = await businessFingerprint(db);
    const stale = await saveSettingGroup(people.admin, "recycleBin", { retentionDays: 45 }, { version: edit.recycleBin.version, seen: edit.recycleBin.snapshot }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).changes).toEqual([{ field: "retentionDays", old: "90", current: "120" }]);
    expect(await businessFingerprint(db)).toEqual(before);
    // Through the form: the conflict message and panel data.
    const viaForm = await post(people.admin.id, actions.saveRecycleBinSettingsAction, { version: String(edit.recycleBin.version), snapshot: JSON.stringify(edit.recycleBin.snapshot), retentionDays: "45" });
    expect(viaForm).toMatchObject({ ok: false, message: "settings.conflict", conflict: { changes: [{ field: "retentionDays", old: "90", current: "120" }] } });
    expect(await readRecycleBinRetentionDays()).toBe(120);
    expect(await post(people.admin.id, actions.saveRecycleBinSettingsAction, { version: String(viaForm.conflict!.version), retentionDays: "45" })).toMatchObject({ ok: true });
    expect(await readRecycleBinRetentionDays()).toBe(45);
  });

  test("two first saves of a never-stored group: one wins, the other is a conflict", async () => {
    await db.prisma.setting.deleteMany({ where: { key: "quotes" } });
    const results = await Promise.allSettled([saveSettingGroup(people.admin, "quotes", { discountApprovalPct: "10" }, 0), saveSettingGroup(people.admin, "quotes", { discountApprovalPct: "30" }, 0)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ConflictError);
    expect((await db.prisma.setting.findUniqueOrThrow({ where: { key: "quotes" } })).version).toBe(1);
  });
});

describe("validation", () => {
  test.each([
    ["regional", actions.saveRegionalSettingsAction, { currency: "DOGE", locale: "" }, "currency", "settings.errors.currency"],
    ["regional", actions.saveRegionalSettingsAction, { currency: "EUR", locale: "fr" }, "locale", "settings.errors.locale"],
    ["pipeline", actions.savePipelineSettingsAction, { staleDays: "0" }, "staleDays", "settings.errors.staleDays"],
    ["pipeline", actions.savePipelineSettingsAction, { staleDays: "two weeks" }, "staleDays", "settings.errors.staleDays"],
    ["quotes", actions.saveQuoteSettingsAction, { discountApprovalPct: "150" }, "discountApprovalPct", "settings.errors.discountApprovalPct"],
    ["recycleBin", actions.saveRecycleBinSettingsAction, { retentionDays: "3651" }, "retentionDays", "settings.errors.retentionDays"],
    ["recycleBin", actions.saveRecycleBinSettingsAction, { retentionDays: "" }, "retentionDays", "settings.errors.retentionDays"],
  ] as const)("%s: %j is refused on its field, nothing written", async (_group, action, fields, field, message) => {
    const key = { regional: "general", pipeline: "pipeline", quotes: "quotes", recycleBin: "recycleBin" }[_group];
    const before = await businessFingerprint(db);
    const from = await lastAuditId(db);
    const result = await post(people.admin.id, action, { version: await version(key), ...fields });
    expect(result).toMatchObject({ ok: false, message: "validation.fix", fieldErrors: { [field]: message } });
    expect(await businessFingerprint(db)).toEqual(before);
    expect(await auditSince(db, from)).toEqual([]);
  });
});

describe("only admins", () => {
  test.each(["managerEast", "repEast", "agent"] as const)("%s can neither read nor save settings; each refusal is audited", async (role) => {
    const actor = people[role];
    const before = await businessFingerprint(db);
    const from = await lastAuditId(db);
    await expect(getGeneralSettingsForEdit(actor)).rejects.toBeInstanceOf(NotAllowedError);
    await expect(saveSettingGroup(actor, "pipeline", { staleDays: 3 }, Number(await version("pipeline")))).rejects.toBeInstanceOf(NotAllowedError);
    const viaForm = await post(actor.id, actions.saveRegionalSettingsAction, { version: await version("general"), currency: "EUR", locale: "" });
    expect(viaForm).toMatchObject({ ok: false, message: "errors.notAllowed" });
    expect(await businessFingerprint(db)).toEqual(before);
    const audit = await auditSince(db, from);
    expect(audit).toHaveLength(3);
    expect(audit.every((a) => a.action === "DENIED" && a.userId === actor.id && a.entity === "Setting")).toBe(true);
  });

  test("without a session the action sends to sign-in", async () => {
    expect(await callAs(null, () => actions.savePipelineSettingsAction(null, formOf({ version: "1", staleDays: "5" })))).toEqual({ kind: "redirect", to: "/login" });
  });
});
