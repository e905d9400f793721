import type { Database } from "@/lib/platform/db/client";
import type { People } from "./fixtures";

/**
 * One valid input per registered action, for the fuzz test to mutate: a malformed value in an
 * otherwise valid form reaches past the schema into the data layer, where a bad id or date used to
 * become a 500. The records are those of `createExampleRecords`, owned in the East team.
 */

export type ExampleRecords = {
  customer: number;
  otherCustomer: number;
  contact: number;
  lead: number;
  deal: number;
  quote: number;
  product: number;
  category: number;
  partner: number;
  task: number;
  appointment: number;
  ticket: number;
  inboundMail: number;
  replyTemplate: number;
  otherReplyTemplate: number;
};

export async function createExampleRecords(db: Database, people: People, at: Date): Promise<ExampleRecords> {
  const p = db.prisma;
  const owner = people.repEast;
  const customer = (await p.customer.create({ data: { kind: "ENTERPRISE", name: "Example Buyer", region: "East China", ownerId: owner.id } })).id;
  const otherCustomer = (await p.customer.create({ data: { kind: "ENTERPRISE", name: "Other Buyer", region: "East China", ownerId: owner.id } })).id;
  const contact = (await p.contact.create({ data: { customerId: customer, name: "Example Contact" } })).id;
  const lead = (await p.lead.create({ data: { name: "Example Lead", source: "Web", status: "QUALIFIED", ownerId: owner.id, teamId: owner.teamId } })).id;
  const deal = (await p.opportunity.create({ data: { name: "Example Deal", customerId: customer, ownerId: owner.id, amount: "100.00", stage: "PROPOSAL", probability: 50, expectedCloseDate: at } })).id;
  const category = (await p.productCategory.create({ data: { name: "Example Category" } })).id;
  const product = (await p.product.create({ data: { sku: "EX-1", name: "Example Widget", categoryId: category, listPrice: "1.00", unitCost: "0.50" } })).id;
  const quote = (await p.quote.create({ data: { opportunityId: deal, status: "DRAFT", createdById: owner.id } })).id;
  const partner = (await p.partner.create({ data: { name: "Example Channel" } })).id;
  const task = (await p.task.create({ data: { title: "Example Task", ownerId: owner.id, dueAt: at } })).id;
  const appointment = (await p.appointment.create({ data: { title: "Example Visit", ownerId: owner.id, startsAt: new Date(at.getTime() - 7_200_000), endsAt: new Date(at.getTime() - 3_600_000) } })).id;
  const ticket = (await p.ticket.create({ data: { customerId: customer, subject: "Example Ticket", category: "billing", status: "RESOLVED", assigneeId: people.agent.id } })).id;
  const inboundMail = (await p.inboundMail.create({ data: { messageId: "<example@inbound>", fromAddress: "someone@example.net", subject: "Example mail", textBody: "Hello", status: "TRIAGE", receivedAt: at } })).id;
  const replyTemplate = (await p.replyTemplate.create({ data: { category: "billing", locale: "en", name: "Example template", body: "Dear {contact}, about ticket #{ticket}." } })).id;
  const otherReplyTemplate = (await p.replyTemplate.create({ data: { category: "billing", locale: "zh-CN", name: "示例模板", body: "{contact}，您好。" } })).id;
  return { customer, otherCustomer, contact, lead, deal, quote, product, category, partner, task, appointment, ticket, inboundMail, replyTemplate, otherReplyTemplate };
}

type Fields = Record<string, string | string[]>;

/** The analytics settings form as the admin page posts it (percent, dotted names). */
export const ANALYTICS_SETTINGS_FORM: Record<string, string> = {
  periodMonths: "12",
  "pyramid.vip": "1",
  "pyramid.major": "4",
  "pyramid.medium": "15",
  "abc.shareA": "70",
  "abc.shareB": "20",
  "clv.horizonMonths": "36",
  "clv.annualDiscountRate": "10",
  purchaseModel: "pareto-nbd",
  churnAlertThreshold: "50",
  "lifecycle.acquisitionDays": "90",
  "lifecycle.buildUpDays": "365",
  "lifecycle.declineInactiveDays": "180",
  "lifecycle.exitInactiveDays": "365",
  "lifecycle.declinePAlive": "0.5",
  "lifecycle.exitPAlive": "0.2",
  "lifecycle.declineDrop": "30",
  "lifecycle.growthRise": "20",
  upgradeHorizonDays: "90",
  "rules.minSupport": "1",
  "rules.minConfidence": "20",
  "rules.minLift": "1.2",
};
/** The business-hours form as the service settings page posts it: Monday–Friday 09:00–12:00, 13:00–18:00. */
export const BUSINESS_HOURS_FORM: Record<string, string> = {
  timeZone: "Asia/Shanghai",
  customTimeZone: "",
  ...Object.fromEntries(
    [0, 1, 2, 3, 4, 5, 6].flatMap((d) => {
      const open = d >= 1 && d <= 5;
      return [
        [`weekly.${d}.0.start`, open ? "09:00" : ""],
        [`weekly.${d}.0.end`, open ? "12:00" : ""],
        [`weekly.${d}.1.start`, open ? "13:00" : ""],
        [`weekly.${d}.1.end`, open ? "18:00" : ""],
      ];
    }),
  ),
  holidays: "2026-10-01\n2026-10-02",
  workdays: "2026-10-10",
};

/** The SLA matrix form (business hours per cell): every cell 2 h to respond, 16 h to resolve. */
export const SLA_MATRIX_FORM: Record<string, string> = Object.fromEntries(
  ["P1", "P2", "P3", "P4"].flatMap((p) => ["VIP", "MAJOR", "MEDIUM", "SMALL", "NONE"].flatMap((t) => [[`${p}.${t}.firstResponseMinutes`, "2"], [`${p}.${t}.resolutionMinutes`, "16"]])),
);

/** Counts the create-user examples handed out (each needs an unused email). */
let userExamples = 0;

export type Example = { kind: "form"; fields: Fields } | { kind: "data"; payload: Record<string, unknown> | string };

/** Valid input for each action, with the versions and tokens the records have now. */
export async function exampleFor(name: string, db: Database, people: People, r: ExampleRecords): Promise<Example> {
  const p = db.prisma;
  const form = (fields: Fields): Example => ({ kind: "form", fields });
  const data = (payload: Record<string, unknown> | string): Example => ({ kind: "data", payload });
  const customer = () => p.customer.findUniqueOrThrow({ where: { id: r.customer } });
  const lead = () => p.lead.findUniqueOrThrow({ where: { id: r.lead } });
  const deal = () => p.opportunity.findUniqueOrThrow({ where: { id: r.deal } });
  const profile = { kind: "ENTERPRISE", name: "Example Buyer", region: "East China", email: "buyer@example.com", phone: "+86 138 0000 0000" };
  const dealFields = { name: "Example Deal", customerId: String(r.customer), amount: "100.00", stage: "PROPOSAL", probability: "50", expectedCloseDate: "2026-09-30" };
  switch (name) {
    case "appointments.save":
      return form({ title: "Visit", start: "2026-06-20T10:00", end: "2026-06-20T11:00", timeZone: "Asia/Shanghai", attendeeIds: [String(people.repEast2.id)], customerId: String(r.customer) });
    case "appointments.complete":
      return form({ id: String(r.appointment) });
    case "customers.create":
      return form({ ...profile, name: "Fuzz Buyer", confirmDuplicates: "yes" });
    case "customers.update":
      return form({ ...profile, id: String(r.customer), version: String((await customer()).version), snapshot: JSON.stringify({ name: "Example Buyer" }) });
    case "customers.setDoNotContact":
      // The opt-out form posts one flag's change with the opt-out version it was loaded at.
      return form({ id: String(r.customer), version: String((await customer()).dncVersion), snapshot: JSON.stringify({ dncPhone: "false" }), change: "dncPhone:true" });
    case "customers.delete":
      return form({ id: String(r.otherCustomer), version: "999" });
    case "customers.restore":
      return form({ id: String(r.otherCustomer) });
    case "customers.merge":
      return form({ survivorId: String(r.customer), mergedId: String(r.otherCustomer), survivorVersion: "999", survivorSnapshot: JSON.stringify({ name: "Example Buyer" }) });
    case "customers.saveContact":
      return form({ customerId: String(r.customer), contactId: String(r.contact), version: "999", name: "Example Contact", email: "c@example.com" });
    case "customers.logTouchpoint":
      return form({ customerId: String(r.customer), channel: "PHONE", direction: "INBOUND", summary: "Called", occurredAt: "", contactId: String(r.contact) });
    case "customers.bulk":
      return form({ bulk: "assign", ids: [String(r.customer)], ownerId: String(people.repEast.id) });
    case "leads.create":
      return form({ name: "Fuzz Lead", source: "Web", email: "lead@example.com", ownerId: "" });
    case "leads.update":
      return form({ id: String(r.lead), version: String((await lead()).version), name: "Example Lead", source: "Web" });
    case "leads.changeStatus":
      return form({ id: String(r.lead), version: "999", status: "DISQUALIFIED", reason: "No budget" });
    case "leads.assign":
      return form({ id: String(r.lead), version: "999", mode: "user", ownerId: String(people.repEast.id) });
    case "leads.convert":
      return form({ id: String(r.lead), version: "999", customerMode: "existing", customerId: String(r.customer), kind: "ENTERPRISE", customerName: "Example Buyer", region: "East China", opportunityName: "From lead", amount: "10.00", expectedCloseDate: "2026-09-30" });
    case "locale.set":
      return data({ locale: "en" });
    case "opportunities.create":
      return form({ ...dealFields, name: "Fuzz Deal" });
    case "opportunities.update":
      return form({ ...dealFields, id: String(r.deal), version: String((await deal()).version), snapshot: JSON.stringify({ name: "Example Deal" }) });
    case "opportunities.moveStage":
      return data({ id: r.deal, version: 999, stage: "NEGOTIATION" });
    case "opportunities.searchCustomers":
      return data("Example");
    case "partners.save":
      return form({ id: String(r.partner), version: "1", snapshot: JSON.stringify({ name: "Example Channel" }), name: "Example Channel", region: "East", email: "p@example.com", active: "on" });
    case "products.save":
      return form({ id: String(r.product), version: "1", snapshot: JSON.stringify({ name: "Example Widget" }), sku: "EX-1", name: "Example Widget", categoryId: String(r.category), listPrice: "1.00", unitCost: "0.50", active: "on" });
    case "quotes.save":
      return data({ opportunityId: r.deal, quoteId: r.quote, version: 999, discountPct: "5", validUntil: "2026-07-01", notes: "", lines: [{ productId: String(r.product), quantity: "2", unitPrice: "1.00", discountPct: "0" }] });
    case "quotes.setStatus":
      return form({ quoteId: String(r.quote), version: "999", status: "SENT" });
    case "quotes.winFromQuote":
      return form({ quoteId: String(r.quote), version: "999" });
    case "salesTargets.save":
      return form({ [`amount:user:${people.repEast.id}:2026-11`]: "100.00", [`was:user:${people.repEast.id}:2026-11`]: "50.00", [`ver:user:${people.repEast.id}:2026-11`]: "" });
    case "scores.recompute":
      return form({ history: "1" });
    case "scores.saveSettings":
      // Version 0: the settings are still at their defaults (nothing stored yet).
      return form({ ...ANALYTICS_SETTINGS_FORM, version: "0" });
    case "search.global":
      return data("Example");
    case "setup.createFirstAdmin":
      // Users exist in every test database, so the data layer answers "closed" (and logs a refusal).
      return form({ token: "a".repeat(43), email: "first@example.test", name: "First Admin", password: "correct horse battery staple 9", confirm: "correct horse battery staple 9" });
    case "tasks.save":
      return form({ id: String(r.task), version: "1", snapshot: JSON.stringify({ title: "Example Task" }), title: "Example Task", dueAt: "2026-06-21T08:00:00.000Z", customerId: String(r.customer) });
    case "tasks.setDone":
      return form({ id: String(r.task), done: "yes" });
    case "tickets.create":
      return form({ customerId: String(r.customer), contactId: String(r.contact), subject: "Router down", description: "Since 9am", category: "technical", priority: "P2", channel: "PHONE" });
    case "tickets.changeStatus":
      return form({ id: String(r.ticket), version: "999", snapshot: JSON.stringify({ subject: "Example Ticket" }), status: "CLOSED" });
    case "tickets.assign":
      return form({ id: String(r.ticket), version: "999", snapshot: JSON.stringify({ subject: "Example Ticket" }), assigneeId: String(people.agent.id) });
    case "tickets.addMessage":
      return form({ id: String(r.ticket), kind: "NOTE", body: "Checked the line" });
    case "tickets.recordSatisfaction":
      return form({ id: String(r.ticket), satisfaction: "4" });
    case "tickets.saveReplyTemplate": {
      // An edit at the version stored now (earlier successes move it on).
      const template = await p.replyTemplate.findUniqueOrThrow({ where: { id: r.replyTemplate } });
      return form({ id: String(r.replyTemplate), version: String(template.version), snapshot: JSON.stringify({ name: "Example template" }), category: "billing", locale: "en", name: "Example template", body: "Dear {contact}, about ticket #{ticket}." });
    }
    case "tickets.deleteReplyTemplate":
      // A stale version: refused with a conflict, so the template stays for every later case.
      return form({ id: String(r.otherReplyTemplate), version: "999", snapshot: JSON.stringify({ name: "示例模板" }) });
    case "console.logContact":
      return form({ customerId: String(r.customer), channel: "PHONE", summary: "Asked about the invoice", outcome: "", "ticket.mode": "open", "ticket.subject": "Invoice question", "ticket.category": "billing", "ticket.priority": "P3" });
    case "triage.file":
      return form({ id: String(r.inboundMail), customerId: String(r.customer) });
    case "triage.discard":
      return form({ id: String(r.inboundMail) });
    case "serviceSettings.saveHours":
    case "serviceSettings.saveMatrix":
    case "serviceSettings.saveRouting": {
      // Saved at the version stored now (0 while the setting is still at its default).
      const key = { "serviceSettings.saveHours": "service.businessHours", "serviceSettings.saveMatrix": "service.slaMatrix", "serviceSettings.saveRouting": "service.routing" }[name];
      const version = String((await p.setting.findUnique({ where: { key } }))?.version ?? 0);
      const fields = name === "serviceSettings.saveHours" ? BUSINESS_HOURS_FORM : name === "serviceSettings.saveMatrix" ? SLA_MATRIX_FORM : { capacity: "25" };
      return form({ ...fields, version });
    }
    case "users.create":
      // A fresh address each time: an earlier success (or mutation) holds the last one.
      userExamples += 1;
      return form({ email: `fuzz.user${userExamples}@example.test`, password: "violet harbour 7319", name: "Fuzz Person", role: "AGENT", teamId: "", skills: "zh", phoneExtension: "" });
    case "users.update": {
      // A user of its own, so that mutations (an unticked "active", another role) touch nobody else.
      const target =
        (await p.user.findUnique({ where: { email: "fuzz.target@example.test" } })) ??
        (await p.user.create({ data: { email: "fuzz.target@example.test", name: "Fuzz Target", role: "AGENT", passwordHash: "x", skills: ["zh"] } }));
      return form({ id: String(target.id), updatedAt: target.updatedAt.toISOString(), snapshot: JSON.stringify({ name: target.name }), name: "Fuzz Target", role: "AGENT", teamId: "", skills: "zh, billing", phoneExtension: "", active: "on" });
    }
    case "csat.rate":
      // A well-formed token nobody was sent: refused (and logged) by the data layer.
      return form({ token: "b".repeat(43), satisfaction: "5" });
    default:
      throw new Error(`No example input for the action ${name}: add one here`);
  }
}
