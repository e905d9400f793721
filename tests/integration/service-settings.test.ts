import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { ZodError } from "zod";
import { createCustomer } from "@/lib/customers/mutations";
import { customerInputSchema } from "@/lib/customers/schema";
import { fixClock, resetClock } from "@/lib/platform/clock";
import { ConflictError, NotAllowedError } from "@/lib/platform/errors";
import { createTicket } from "@/lib/tickets/mutations";
import { serviceCalendar } from "@/lib/tickets/sla-clock";
import { ROUTING_SETTING_KEY } from "@/lib/tickets/routing";
import { parseAgentCapacity } from "@/lib/tickets/rules/routing";
import { addBusinessMinutes } from "@/lib/tickets/rules/business-hours";
import { type BusinessHours, DEFAULT_BUSINESS_HOURS, DEFAULT_SLA_MATRIX, type SlaMatrix } from "@/lib/tickets/rules/service-settings";
import { getServiceSettingsForEdit, saveBusinessHours, saveRoutingCapacity, saveSlaMatrix } from "@/lib/tickets/service-settings-admin";
import * as actions from "@/lib/tickets/service-settings-actions";
import { ticketInputSchema } from "@/lib/tickets/schema";
import { readSetting } from "@/lib/platform/settings";
import { BUSINESS_HOURS_FORM, SLA_MATRIX_FORM } from "../support/action-examples";
import { callAs, formOf } from "../support/actions";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

// revalidatePath needs Next's request store, which a test does not have.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

let db: TestDatabase;
let people: People;
let customer: number;

// A Tuesday, 10:00 in Shanghai: inside the default business hours.
const OPENED = new Date("2026-06-09T02:00:00Z");

const ticketInput = (over: Record<string, unknown> = {}) =>
  ticketInputSchema.parse({ customerId: customer, subject: "Invoice wrong", description: "Charged twice", category: "billing", priority: "P3", channel: "PHONE", ...over });

const LONG_DAY = [{ start: "08:00", end: "20:00" }];
const LONG_HOURS: BusinessHours = {
  timeZone: "Asia/Shanghai",
  weekly: [[], LONG_DAY, LONG_DAY, LONG_DAY, LONG_DAY, LONG_DAY, []],
  holidays: ["2026-10-01", "2026-10-02"],
  workdays: ["2026-09-27"],
};

const copyMatrix = (): SlaMatrix => JSON.parse(JSON.stringify(DEFAULT_SLA_MATRIX)) as SlaMatrix;

async function settingRow(key: string) {
  return db.prisma.setting.findUnique({ where: { key } });
}

async function zodIssues(promise: Promise<unknown>): Promise<{ path: string; message: string }[]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ZodError);
  return (error as ZodError).issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  fixClock(OPENED);
  customer = (await createCustomer(people.repEast, customerInputSchema.parse({ kind: "INDIVIDUAL", name: "Li Wei", region: "East China", email: "li.wei@example.com" }))).id;
});
afterAll(async () => {
  resetClock();
  await db.close();
});
beforeEach(() => fixClock(OPENED));

describe("the settings as loaded for the form", () => {
  test("never stored: the defaults at version 0", async () => {
    const edit = await getServiceSettingsForEdit(people.admin);
    expect(edit.hours).toMatchObject({ value: DEFAULT_BUSINESS_HOURS, version: 0 });
    expect(edit.matrix).toMatchObject({ value: DEFAULT_SLA_MATRIX, version: 0 });
    expect(edit.routing.version).toBe(0);
    expect(edit.routing.value.capacity).toBe(parseAgentCapacity(null));
    expect(edit.hours.snapshot).toMatchObject({ timeZone: "Asia/Shanghai", "weekly.1": "09:00–12:00, 13:00–18:00", "weekly.0": null });
    expect(edit.matrix.snapshot["P1.VIP.firstResponseMinutes"]).toBe("30");
  });
});

describe("saving", () => {
  test("business hours: the SLA clock and a new ticket's due follow them", async () => {
    const saved = await saveBusinessHours(people.admin, LONG_HOURS, 0);
    expect(saved.holidays).toEqual(["2026-10-01", "2026-10-02"]);
    expect((await settingRow("service.businessHours"))?.version).toBe(1);
    const calendar = await serviceCalendar();
    expect(calendar.hours).toEqual(LONG_HOURS);
    const { id } = await createTicket(people.agent, ticketInput(), OPENED);
    const ticket = await db.prisma.ticket.findUniqueOrThrow({ where: { id } });
    const targets = DEFAULT_SLA_MATRIX.P3.NONE;
    expect(ticket.firstResponseDueAt).toEqual(addBusinessMinutes(OPENED, targets.firstResponseMinutes, LONG_HOURS));
    expect(ticket.slaDueAt).toEqual(addBusinessMinutes(OPENED, targets.resolutionMinutes, LONG_HOURS));
    expect(ticket.slaDueAt).not.toEqual(addBusinessMinutes(OPENED, targets.resolutionMinutes, DEFAULT_BUSINESS_HOURS));
  });

  test("the SLA matrix: a new ticket's first response is due by the new target", async () => {
    const matrix = copyMatrix();
    matrix.P3.NONE = { firstResponseMinutes: 90, resolutionMinutes: 600 };
    await saveSlaMatrix(people.admin, matrix, 0);
    expect((await serviceCalendar()).matrix.P3.NONE).toEqual({ firstResponseMinutes: 90, resolutionMinutes: 600 });
    const { id } = await createTicket(people.agent, ticketInput(), OPENED);
    const ticket = await db.prisma.ticket.findUniqueOrThrow({ where: { id } });
    // Tuesday 10:00 + 1.5 business hours, within 08:00–20:00.
    expect(ticket.firstResponseDueAt).toEqual(new Date(OPENED.getTime() + 90 * 60_000));
    expect(ticket.slaDueAt).toEqual(new Date(OPENED.getTime() + 600 * 60_000));
  });

  test("the routing capacity, keeping the routing setting's other keys", async () => {
    await db.prisma.setting.create({ data: { key: ROUTING_SETTING_KEY, value: { capacity: 40, note: "kept" } } });
    await saveRoutingCapacity(people.admin, { capacity: 12 }, 1);
    expect(await readSetting(ROUTING_SETTING_KEY)).toEqual({ capacity: 12, note: "kept" });
    expect(parseAgentCapacity(await readSetting(ROUTING_SETTING_KEY))).toBe(12);
    const edit = await getServiceSettingsForEdit(people.admin);
    expect(edit.routing).toMatchObject({ value: { capacity: 12 }, version: 2 });
  });

  test("each save is audited as an UPDATE with the values before and after", async () => {
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { entity: "Setting", entityId: "service.slaMatrix", action: "UPDATE" }, orderBy: { id: "desc" } });
    expect(audit.userId).toBe(people.admin.id);
    expect(audit.changes).toEqual({
      "P3.NONE.firstResponseMinutes": { from: "480", to: "90" },
      "P3.NONE.resolutionMinutes": { from: "2400", to: "600" },
    });
    const hours = await db.prisma.auditLog.findFirstOrThrow({ where: { entity: "Setting", entityId: "service.businessHours", action: "UPDATE" }, orderBy: { id: "desc" } });
    expect(hours.changes).toMatchObject({ "weekly.1": { from: "09:00–12:00, 13:00–18:00", to: "08:00–20:00" }, holidays: { from: null, to: "2026-10-01, 2026-10-02" } });
    const routing = await db.prisma.auditLog.findFirstOrThrow({ where: { entity: "Setting", entityId: ROUTING_SETTING_KEY, action: "UPDATE" }, orderBy: { id: "desc" } });
    expect(routing.changes).toEqual({ capacity: { from: "40", to: "12" } });
  });
});

describe("a stale version", () => {
  test("is refused with a ConflictError naming the changed field; nothing is written", async () => {
    const loaded = await getServiceSettingsForEdit(people.admin);
    await saveBusinessHours(people.admin, { ...LONG_HOURS, timeZone: "Asia/Tokyo" }, { version: loaded.hours.version, seen: loaded.hours.snapshot });
    const row = await settingRow("service.businessHours");
    const error = await saveBusinessHours(people.admin, { ...LONG_HOURS, holidays: [] }, { version: loaded.hours.version, seen: loaded.hours.snapshot }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).version).toBe(row!.version);
    expect((error as ConflictError).changes).toEqual([{ field: "timeZone", old: "Asia/Shanghai", current: "Asia/Tokyo" }]);
    expect(await settingRow("service.businessHours")).toEqual(row);

    const matrix = await getServiceSettingsForEdit(people.admin);
    const changed: SlaMatrix = JSON.parse(JSON.stringify(matrix.matrix.value)) as SlaMatrix;
    changed.P1.VIP.firstResponseMinutes = 15;
    await saveSlaMatrix(people.admin, changed, { version: matrix.matrix.version, seen: matrix.matrix.snapshot });
    const stale = await saveSlaMatrix(people.admin, copyMatrix(), { version: matrix.matrix.version, seen: matrix.matrix.snapshot }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).changes).toEqual([{ field: "P1.VIP.firstResponseMinutes", old: "30", current: "15" }]);
  });

  test("a first save racing another first save (version 0 when a row exists) is a conflict too", async () => {
    const before = await settingRow(ROUTING_SETTING_KEY);
    await expect(saveRoutingCapacity(people.admin, { capacity: 3 }, { version: 0, seen: { capacity: "40" } })).rejects.toBeInstanceOf(ConflictError);
    expect(await settingRow(ROUTING_SETTING_KEY)).toEqual(before);
  });
});

describe("a bad value", () => {
  test("gets the field error and changes nothing: interval, zone, overlap, closed week, date, matrix cell, capacity", async () => {
    const snapshotBefore = await Promise.all(["service.businessHours", "service.slaMatrix", ROUTING_SETTING_KEY].map(settingRow));
    const auditBefore = await db.prisma.auditLog.count();
    const { hours, matrix, routing } = await getServiceSettingsForEdit(people.admin);
    const backwards: BusinessHours = { ...LONG_HOURS, weekly: [[], [{ start: "12:00", end: "09:00" }], LONG_DAY, LONG_DAY, LONG_DAY, LONG_DAY, []] };
    expect(await zodIssues(saveBusinessHours(people.admin, backwards, hours.version))).toEqual([{ path: "weekly.1.0.end", message: "tickets.validation.intervalOrder" }]);
    expect(await zodIssues(saveBusinessHours(people.admin, { ...LONG_HOURS, timeZone: "Mars/Olympus" }, hours.version))).toEqual([{ path: "timeZone", message: "tickets.validation.timeZone" }]);
    const overlap: BusinessHours = { ...LONG_HOURS, weekly: [[], [{ start: "09:00", end: "13:00" }, { start: "12:00", end: "18:00" }], [], [], [], [], []] };
    expect(await zodIssues(saveBusinessHours(people.admin, overlap, hours.version))).toEqual([{ path: "weekly.1", message: "tickets.validation.intervalOverlap" }]);
    expect(await zodIssues(saveBusinessHours(people.admin, { ...LONG_HOURS, weekly: [[], [], [], [], [], [], []] }, hours.version))).toEqual([{ path: "weekly", message: "tickets.validation.noOpenHours" }]);
    expect(await zodIssues(saveBusinessHours(people.admin, { ...LONG_HOURS, holidays: ["2026-10-01", "2026-02-30"] }, hours.version))).toEqual([{ path: "holidays.1", message: "tickets.validation.date" }]);
    expect(await zodIssues(saveBusinessHours(people.admin, { ...LONG_HOURS, weekly: [[], [{ start: "9am", end: "18:00" }], [], [], [], [], []] }, hours.version))).toContainEqual({ path: "weekly.1.0.start", message: "tickets.validation.time" });
    const cell = copyMatrix();
    cell.P2.MAJOR = { firstResponseMinutes: 600, resolutionMinutes: 60 };
    expect(await zodIssues(saveSlaMatrix(people.admin, cell, matrix.version))).toEqual([{ path: "P2.MAJOR.resolutionMinutes", message: "tickets.validation.resolutionBeforeResponse" }]);
    const zero = copyMatrix();
    zero.P4.NONE.firstResponseMinutes = 0;
    expect(await zodIssues(saveSlaMatrix(people.admin, zero, matrix.version))).toEqual([{ path: "P4.NONE.firstResponseMinutes", message: "validation.range" }]);
    expect(await zodIssues(saveRoutingCapacity(people.admin, { capacity: 0 }, routing.version))).toEqual([{ path: "capacity", message: "validation.range" }]);
    expect(await zodIssues(saveRoutingCapacity(people.admin, { capacity: 10_001 }, routing.version))).toEqual([{ path: "capacity", message: "validation.range" }]);
    expect(await Promise.all(["service.businessHours", "service.slaMatrix", ROUTING_SETTING_KEY].map(settingRow))).toEqual(snapshotBefore);
    expect(await db.prisma.auditLog.count()).toBe(auditBefore);
  });
});

describe("who may", () => {
  test.each(["managerEast", "agent", "repEast"] as const)("%s is refused with a DENIED audit row and nothing written", async (role) => {
    const actor = people[role];
    const rows = await Promise.all(["service.businessHours", "service.slaMatrix", ROUTING_SETTING_KEY].map(settingRow));
    await expect(getServiceSettingsForEdit(actor)).rejects.toBeInstanceOf(NotAllowedError);
    await expect(saveBusinessHours(actor, LONG_HOURS, rows[0]!.version)).rejects.toBeInstanceOf(NotAllowedError);
    await expect(saveSlaMatrix(actor, copyMatrix(), rows[1]!.version)).rejects.toBeInstanceOf(NotAllowedError);
    // Refused before the value is looked at: a bad one is still a refusal, not a field error.
    await expect(saveRoutingCapacity(actor, { capacity: -5 }, rows[2]!.version)).rejects.toBeInstanceOf(NotAllowedError);
    expect(await Promise.all(["service.businessHours", "service.slaMatrix", ROUTING_SETTING_KEY].map(settingRow))).toEqual(rows);
    const denied = await db.prisma.auditLog.findMany({ where: { userId: actor.id, action: "DENIED", entity: "Setting" } });
    expect(denied).toHaveLength(4);
  });
});

describe("the actions (as the page posts them)", () => {
  const post = async (userId: number, action: (prev: unknown, fd: FormData) => Promise<unknown>, fields: Record<string, string>) => {
    const outcome = await callAs(userId, () => action(null, formOf(fields)));
    expect(outcome.kind).toBe("result");
    return (outcome as { result: Record<string, unknown> }).result;
  };
  const version = async (key: string) => String((await settingRow(key))?.version ?? 0);

  test("business hours: saved from the form's fields; a bad interval is a field error on that input", async () => {
    const ok = await post(people.admin.id, actions.saveBusinessHoursAction, { ...BUSINESS_HOURS_FORM, "weekly.6.1.start": "9:30", "weekly.6.1.end": "12:00", version: await version("service.businessHours") });
    expect(ok).toMatchObject({ ok: true, message: "service.settings.saved" });
    const hours = (await serviceCalendar()).hours;
    expect(hours.weekly[1]).toEqual([
      { start: "09:00", end: "12:00" },
      { start: "13:00", end: "18:00" },
    ]);
    // A blank first slot with a filled second: one interval, the typed 9:30 read as 09:30.
    expect(hours.weekly[6]).toEqual([{ start: "09:30", end: "12:00" }]);
    expect(hours.holidays).toEqual(["2026-10-01", "2026-10-02"]);
    expect(hours.workdays).toEqual(["2026-10-10"]);

    const before = await settingRow("service.businessHours");
    const bad = await post(people.admin.id, actions.saveBusinessHoursAction, { ...BUSINESS_HOURS_FORM, "weekly.2.1.end": "12:30", version: await version("service.businessHours") });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { "weekly.2.1.end": "tickets.validation.intervalOrder" } });
    const zone = await post(people.admin.id, actions.saveBusinessHoursAction, { ...BUSINESS_HOURS_FORM, timeZone: "other", customTimeZone: "Nowhere/Land", version: await version("service.businessHours") });
    expect(zone).toMatchObject({ ok: false, fieldErrors: { timeZone: "tickets.validation.timeZone" } });
    expect(await settingRow("service.businessHours")).toEqual(before);

    const custom = await post(people.admin.id, actions.saveBusinessHoursAction, { ...BUSINESS_HOURS_FORM, timeZone: "other", customTimeZone: "Europe/Berlin", version: await version("service.businessHours") });
    expect(custom).toMatchObject({ ok: true });
    expect((await serviceCalendar()).hours.timeZone).toBe("Europe/Berlin");
  });

  test("the matrix: hours with decimals stored as minutes; a blank cell takes the default", async () => {
    const fields = { ...SLA_MATRIX_FORM, "P1.VIP.firstResponseMinutes": "0.5", "P1.VIP.resolutionMinutes": "", version: await version("service.slaMatrix") };
    expect(await post(people.admin.id, actions.saveSlaMatrixAction, fields)).toMatchObject({ ok: true });
    const { matrix } = await serviceCalendar();
    expect(matrix.P1.VIP).toEqual({ firstResponseMinutes: 30, resolutionMinutes: DEFAULT_SLA_MATRIX.P1.VIP.resolutionMinutes });
    expect(matrix.P4.SMALL).toEqual({ firstResponseMinutes: 120, resolutionMinutes: 960 });

    const bad = await post(people.admin.id, actions.saveSlaMatrixAction, { ...SLA_MATRIX_FORM, "P2.MEDIUM.resolutionMinutes": "1", "P3.VIP.firstResponseMinutes": "soon", version: await version("service.slaMatrix") });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { "P3.VIP.firstResponseMinutes": "validation.number" } });
    const order = await post(people.admin.id, actions.saveSlaMatrixAction, { ...SLA_MATRIX_FORM, "P2.MEDIUM.resolutionMinutes": "1", version: await version("service.slaMatrix") });
    expect(order).toMatchObject({ ok: false, fieldErrors: { "P2.MEDIUM.resolutionMinutes": "tickets.validation.resolutionBeforeResponse" } });
  });

  test("routing: a stale form gets the conflict naming the capacity; a manager is refused", async () => {
    const v = await version(ROUTING_SETTING_KEY);
    const snapshot = JSON.stringify({ capacity: (await getServiceSettingsForEdit(people.admin)).routing.snapshot.capacity });
    expect(await post(people.admin.id, actions.saveRoutingCapacityAction, { capacity: "30", version: v, snapshot })).toMatchObject({ ok: true });
    const stale = await post(people.admin.id, actions.saveRoutingCapacityAction, { capacity: "31", version: v, snapshot });
    expect(stale).toMatchObject({ ok: false, message: "service.settings.conflict", conflict: { changes: [{ field: "capacity", current: "30" }] } });
    expect(await post(people.admin.id, actions.saveRoutingCapacityAction, { capacity: "lots", version: await version(ROUTING_SETTING_KEY) })).toMatchObject({ ok: false, fieldErrors: { capacity: "validation.integer" } });
    const refused = await post(people.managerEast.id, actions.saveRoutingCapacityAction, { capacity: "5", version: await version(ROUTING_SETTING_KEY) });
    expect(refused).toMatchObject({ ok: false, message: "errors.notAllowed" });
    expect(parseAgentCapacity(await readSetting(ROUTING_SETTING_KEY))).toBe(30);
  });
});
