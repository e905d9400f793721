import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AppointmentConflictError, getAppointment } from "@/lib/calendar/queries";
import { createAppointment } from "@/lib/calendar/mutations";
import { createCustomer } from "@/lib/customers/mutations";
import { NotAllowedError } from "@/lib/platform/errors";
import { importLeads } from "@/lib/leads/import";
import { createLead } from "@/lib/leads/mutations";
import { createOpportunity, getOpportunity, getOpportunityRelated } from "@/lib/opportunities/mutations";
import { createPartner, updatePartner } from "@/lib/partners/mutations";
import { getQuote } from "@/lib/quotes/mutations";
import { createTask } from "@/lib/tasks/mutations";
import { getTask } from "@/lib/tasks/queries";
import { leadImportSpec } from "@/lib/leads/rules/import-spec";
import { appointmentInputSchema } from "@/lib/calendar/schema";
import { customerInputSchema } from "@/lib/customers/schema";
import { leadInputSchema } from "@/lib/leads/schema";
import { opportunityInputSchema } from "@/lib/opportunities/schema";
import { partnerInputSchema } from "@/lib/partners/schema";
import { taskInputSchema } from "@/lib/tasks/schema";
import { createPeople, type People } from "../support/fixtures";
import { csvRows } from "../support/import-rows";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * The security review's findings that belong to the access scopes (issue #10 §5), one describe each.
 * Every test here failed on the code before the access-scope module (commit e708e2e) and passes now.
 */
let db: TestDatabase;
let people: People;
let customerId: number;
let inactiveEast: number;

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  customerId = (await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name: "Findings Co", region: "East China", ownerId: people.repEast.id } })).id;
  inactiveEast = (await db.prisma.user.create({ data: { email: "gone@test.local", name: "gone", role: "REP", teamId: people.repEast.teamId, active: false, passwordHash: "x" } })).id;
});
afterAll(() => db.close());

const denials = (userId: number, entity: string) => db.prisma.auditLog.count({ where: { action: "DENIED", userId, entity } });
const NO_SUCH_USER = 2_000_000_000;

const leadRows = (text: string) => csvRows(leadImportSpec, text);

describe("lead import's duplicate check reads only leads the importer may read", () => {
  test("another team's lead neither blocks the row nor is named in the report; a readable one still is", async () => {
    const theirs = await createLead(people.repWest, leadInputSchema.parse({ name: "West Secret", email: "secret@west.example", source: "Fair" }));
    const mine = await createLead(people.repEast, leadInputSchema.parse({ name: "East Known", email: "known@east.example", source: "Fair" }));
    const report = await importLeads(people.repEast, await leadRows("name,email,source\nSame Person,secret@west.example,Web\nAgain,known@east.example,Web\n"), { roundRobin: false });
    expect(JSON.stringify(report)).not.toContain(`#${theirs.id}`);
    expect(JSON.stringify(report)).not.toContain("West Secret");
    expect(report.rows[0]).toMatchObject({ status: "imported" });
    expect(report.rows[1]).toMatchObject({ status: "skipped", reason: "leadImport.report.duplicate", detail: `#${mine.id} East Known` });
  });
});

describe("partner name checks run after authorization", () => {
  test("an agent (or a rep) learns nothing about which partner names exist, and the attempt is logged", async () => {
    await createPartner(people.admin, partnerInputSchema.parse({ name: "Known Partner", active: true }));
    const before = await denials(people.agent.id, "Partner");
    for (const name of ["Known Partner", "Unknown Partner"]) {
      await expect(createPartner(people.agent, partnerInputSchema.parse({ name, active: true }))).rejects.toBeInstanceOf(NotAllowedError);
      await expect(createPartner(people.repEast, partnerInputSchema.parse({ name, active: true }))).rejects.toBeInstanceOf(NotAllowedError);
    }
    const other = await createPartner(people.admin, partnerInputSchema.parse({ name: "Other Partner", active: true }));
    await expect(updatePartner(people.agent, other.id, 1, partnerInputSchema.parse({ name: "Known Partner", active: true }))).rejects.toBeInstanceOf(NotAllowedError);
    expect(await denials(people.agent.id, "Partner")).toBe(before + 3);
    // The admin still gets the field error.
    await expect(createPartner(people.admin, partnerInputSchema.parse({ name: "known partner", active: true }))).rejects.toMatchObject({ message: "partners.errors.nameTaken", field: "name" });
  });
});

describe("owner and attendee pickers accept only users the actor may pick", () => {
  const task = (over: Record<string, unknown>) => taskInputSchema.parse({ title: "Call back", dueAt: "2030-01-01T09:00:00Z", ...over });
  const meeting = (over: Record<string, unknown>) => appointmentInputSchema.parse({ title: "Meeting", start: "2030-05-06T09:00", end: "2030-05-06T10:00", timeZone: "UTC", ...over });

  test("a task's owner: a missing, an inactive and another team's user get the same refusal, logged", async () => {
    const before = await denials(people.managerEast.id, "Task");
    for (const ownerId of [NO_SUCH_USER, inactiveEast, people.repWest.id]) {
      await expect(createTask(people.managerEast, task({ ownerId }))).rejects.toBeInstanceOf(NotAllowedError);
    }
    expect(await denials(people.managerEast.id, "Task")).toBe(before + 3);
    await expect(createTask(people.managerEast, task({ ownerId: people.repEast2.id }))).resolves.toMatchObject({ owner: { id: people.repEast2.id } });
  });

  test("a lead's and a deal's owner: a missing user is refused like another team's", async () => {
    const lead = (ownerId: number) => leadInputSchema.parse({ name: "Probe", source: "Fair", ownerId });
    await expect(createLead(people.managerEast, lead(NO_SUCH_USER))).rejects.toBeInstanceOf(NotAllowedError);
    await expect(createLead(people.managerEast, lead(people.repWest.id))).rejects.toBeInstanceOf(NotAllowedError);
    const deal = (ownerId: number) =>
      opportunityInputSchema.parse({ name: "Probe", customerId: String(customerId), amount: "1.00", stage: "PROSPECTING", probability: "10", expectedCloseDate: "2030-01-01", ownerId: String(ownerId) });
    await expect(createOpportunity(people.managerEast, deal(NO_SUCH_USER))).rejects.toBeInstanceOf(NotAllowedError);
    await expect(createOpportunity(people.managerEast, deal(people.repWest.id))).rejects.toBeInstanceOf(NotAllowedError);
  });

  test("a customer's owner: a missing user is refused and logged like another team's", async () => {
    const before = await denials(people.managerEast.id, "Customer");
    const input = (ownerId: number) => customerInputSchema.parse({ kind: "ENTERPRISE", name: "Probe Co", region: "East China", ownerId: String(ownerId) });
    await expect(createCustomer(people.managerEast, input(NO_SUCH_USER))).rejects.toBeInstanceOf(NotAllowedError);
    await expect(createCustomer(people.managerEast, input(people.repWest.id))).rejects.toBeInstanceOf(NotAllowedError);
    expect(await denials(people.managerEast.id, "Customer")).toBe(before + 2);
  });

  test("attendees: a rep invites teammates only; another team's rep is refused, nothing is saved, the attempt is logged", async () => {
    const count = await db.prisma.appointment.count();
    const before = await denials(people.repWest.id, "Appointment");
    await expect(createAppointment(people.repWest, meeting({ attendeeIds: [people.repEast.id] }), true)).rejects.toBeInstanceOf(NotAllowedError);
    await expect(createAppointment(people.repWest, meeting({ attendeeIds: [NO_SUCH_USER] }), true)).rejects.toBeInstanceOf(NotAllowedError);
    expect(await db.prisma.appointment.count()).toBe(count);
    expect(await denials(people.repWest.id, "Appointment")).toBe(before + 2);
    await expect(createAppointment(people.repEast, meeting({ attendeeIds: [people.repEast2.id] }), true)).resolves.toMatchObject({ attendees: [{ id: people.repEast2.id }] });
  });
});

describe("conflict lists reveal only what the actor may read", () => {
  const meeting = (over: Record<string, unknown>) => appointmentInputSchema.parse({ title: "Meeting", start: "2030-08-01T09:00", end: "2030-08-01T10:00", timeZone: "UTC", ...over });
  const conflictsOf = async (p: Promise<unknown>) => {
    const error = await p.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppointmentConflictError);
    return (error as AppointmentConflictError).conflicts;
  };

  test("another team's meeting of someone one may not invite cannot be probed through the attendee list", async () => {
    await createAppointment(people.repWest, meeting({ title: "West pricing talk" }), true);
    await expect(createAppointment(people.repEast, meeting({ attendeeIds: [people.repWest.id] }), false)).rejects.toBeInstanceOf(NotAllowedError);
  });

  test("a teammate's clash with a meeting the actor may not read is only 'busy': no id, no title", async () => {
    await createAppointment(people.admin, meeting({ title: "Board: acquisition", start: "2030-08-02T09:00", end: "2030-08-02T10:00", attendeeIds: [people.repEast2.id] }), true);
    const conflicts = await conflictsOf(createAppointment(people.repEast, meeting({ start: "2030-08-02T09:30", end: "2030-08-02T10:30", attendeeIds: [people.repEast2.id] }), false));
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ id: null, title: null, who: ["rep.east2"] });
    expect(Object.keys(conflicts[0]).sort()).toEqual(["allDay", "endsAt", "id", "startsAt", "timeZone", "title", "who"]);
    // A clash the actor may read keeps its details.
    const own = await createAppointment(people.repEast, meeting({ title: "My call", start: "2030-08-03T09:00", end: "2030-08-03T10:00" }), true);
    const mine = await conflictsOf(createAppointment(people.repEast, meeting({ start: "2030-08-03T09:30", end: "2030-08-03T10:30" }), false));
    expect(mine).toEqual([expect.objectContaining({ id: own.id, title: "My call" })]);
  });
});

describe("read denials on opportunities, quotes, tasks and appointments are logged", () => {
  test("each refused read writes one DENIED row; a missing record writes none", async () => {
    const opp = await db.prisma.opportunity.create({
      data: { name: "East deal", customerId, ownerId: people.repEast.id, amount: "10.00", probability: 10, stage: "PROSPECTING", expectedCloseDate: new Date("2030-01-01T00:00:00Z") },
    });
    const category = await db.prisma.productCategory.create({ data: { name: "Findings" } });
    const product = await db.prisma.product.create({ data: { sku: "F-1", name: "F", listPrice: "10.00", unitCost: "1.00", categoryId: category.id } });
    const quote = await db.prisma.quote.create({ data: { opportunityId: opp.id, subtotal: "10.00", total: "10.00", lines: { create: [{ productId: product.id, quantity: 1, unitPrice: "10.00", lineTotal: "10.00" }] } } });
    const task = await db.prisma.task.create({ data: { title: "East task", ownerId: people.repEast.id, dueAt: new Date("2030-01-01T00:00:00Z") } });
    const appointment = await db.prisma.appointment.create({ data: { title: "East meeting", ownerId: people.repEast.id, startsAt: new Date("2030-09-01T09:00:00Z"), endsAt: new Date("2030-09-01T10:00:00Z") } });
    const count = (entity: string, id: number) => db.prisma.auditLog.count({ where: { action: "DENIED", userId: people.repWest.id, entity, entityId: String(id) } });

    expect(await getOpportunity(people.repWest, opp.id)).toBeNull();
    await expect(getOpportunityRelated(people.repWest, opp.id)).rejects.toBeInstanceOf(NotAllowedError);
    expect(await getQuote(people.repWest, quote.id)).toBeNull();
    expect(await getTask(people.repWest, task.id)).toBeNull();
    expect(await getAppointment(people.agent, appointment.id)).toBeNull();
    expect(await count("Opportunity", opp.id)).toBe(2);
    expect(await count("Quote", quote.id)).toBe(1);
    expect(await count("Task", task.id)).toBe(1);
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", userId: people.agent.id, entity: "Appointment", entityId: String(appointment.id) } })).toBe(1);

    const all = await db.prisma.auditLog.count({ where: { action: "DENIED", userId: people.repWest.id } });
    expect(await getOpportunity(people.repWest, 999_999)).toBeNull();
    expect(await getTask(people.repWest, 999_999)).toBeNull();
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", userId: people.repWest.id } })).toBe(all);
  });
});

describe("the deal page lists linked tasks under the task read rule", () => {
  test("the deal's owner does not see a teammate's or another team's task on it; the manager sees the team's", async () => {
    const opp = await db.prisma.opportunity.create({
      data: { name: "Shared deal", customerId, ownerId: people.repEast.id, amount: "10.00", probability: 10, stage: "PROSPECTING", expectedCloseDate: new Date("2030-01-01T00:00:00Z") },
    });
    const due = new Date("2030-01-01T00:00:00Z");
    const own = await db.prisma.task.create({ data: { title: "Mine", ownerId: people.repEast.id, dueAt: due, opportunityId: opp.id } });
    const mate = await db.prisma.task.create({ data: { title: "Teammate's private note", ownerId: people.repEast2.id, dueAt: due, opportunityId: opp.id } });
    await db.prisma.task.create({ data: { title: "Other team's", ownerId: people.repWest.id, dueAt: due, opportunityId: opp.id } });
    expect((await getOpportunityRelated(people.repEast, opp.id)).tasks.map((t) => t.id)).toEqual([own.id]);
    expect((await getOpportunityRelated(people.managerEast, opp.id)).tasks.map((t) => t.id).sort((a, b) => a - b)).toEqual([own.id, mate.id].sort((a, b) => a - b));
  });
});
