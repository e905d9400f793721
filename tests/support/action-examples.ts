import type { Database } from "@/lib/platform/db/client";
import { type People, TEST_PASSWORD } from "./fixtures";

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

/** A valid segment rule: East China customers. */
const EXAMPLE_RULE = { type: "group", op: "and", children: [{ type: "condition", field: "region", op: "in", value: ["East China"] }] };
/** Counts the segment examples that create one (each needs an unused name). */
let segmentExamples = 0;

/** The admin's example segment of a kind, created on first use (its version moves with earlier successes). */
async function exampleSegment(db: Database, people: People, kind: "DYNAMIC" | "STATIC") {
  const name = kind === "DYNAMIC" ? "Example Segment" : "Example Static Segment";
  return (
    (await db.prisma.segment.findFirst({ where: { name } })) ??
    (await db.prisma.segment.create({ data: { name, kind, ownerId: people.admin.id, rule: EXAMPLE_RULE } }))
  );
}

/** Counts the campaign examples that create one. */
let campaignExamples = 0;

/** The admin's example campaign: a draft (`launched` false) or an active one with one member, created on first use. */
async function exampleCampaign(db: Database, people: People, customerId: number, launched: boolean) {
  const name = launched ? "Example Active Campaign" : "Example Campaign";
  const found = await db.prisma.campaign.findFirst({ where: { name } });
  if (found) return found;
  const campaign = await db.prisma.campaign.create({
    data: { name, type: "EMAIL", status: launched ? "ACTIVE" : "DRAFT", startsAt: new Date("2026-06-01T00:00:00Z"), endsAt: new Date("2026-12-31T00:00:00Z"), ownerId: people.admin.id, audienceFilter: "region=East+China", launchedAt: launched ? new Date("2026-06-01T00:00:00Z") : null },
  });
  if (launched) await db.prisma.campaignMember.create({ data: { campaignId: campaign.id, customerId } });
  return campaign;
}

/**
 * The admin's example call list over the example segment, with the East rep seated and one entry for
 * the example customer held by the rep (IN_CALL), created on first use.
 */
async function exampleCallList(db: Database, people: People, customerId: number) {
  const found = await db.prisma.callList.findFirst({ where: { name: "Example Call List" }, include: { entries: true } });
  if (found) return { list: found, entry: found.entries[0] };
  const segment = await exampleSegment(db, people, "DYNAMIC");
  const list = await db.prisma.callList.create({ data: { name: "Example Call List", segmentId: segment.id, ownerId: people.admin.id, script: "Hello" } });
  await db.prisma.callListAgent.create({ data: { callListId: list.id, userId: people.repEast.id } });
  const entry = await db.prisma.callListEntry.create({ data: { callListId: list.id, customerId, status: "IN_CALL", agentId: people.repEast.id, dueAt: new Date("2026-06-01T00:00:00Z"), takenAt: new Date("2026-06-01T00:00:00Z") } });
  return { list: { ...list, entries: [entry] }, entry };
}

/** The campaign form as the page posts it (an audience from the customer list's filters). */
function campaignForm(people: People, name: string): Fields {
  return { name, type: "EMAIL", description: "", objective: "Upsell", offer: "", startDate: "2026-07-01", endDate: "2026-07-31", budget: "1000.00", expectedResponses: "", ownerId: String(people.admin.id), graceDays: "30", holdoutPct: "10", fatigueDays: "", audience: "filters", segmentId: "", audienceFilter: "region=East+China" };
}

/** Counts the create-user examples handed out (each needs an unused email). */
let userExamples = 0;
/** Likewise for new teams (each needs an unused name). */
let teamExamples = 0;

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
    case "quotes.approveDiscount":
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
    case "users.resetPassword": {
      // A user of its own: a reset makes them change their password, and nobody else is touched.
      const target =
        (await p.user.findUnique({ where: { email: "fuzz.reset@example.test" } })) ??
        (await p.user.create({ data: { email: "fuzz.reset@example.test", name: "Fuzz Reset", role: "REP", passwordHash: "x" } }));
      return form({ id: String(target.id), mode: "generate", password: "" });
    }
    case "users.completePasswordChange":
      // Nobody in the fuzz database is waiting for a forced change: refused without a field error.
      return form({ password: "amber lantern 4821 q", confirm: "amber lantern 4821 q" });
    case "users.changeOwnPassword":
      return form({ currentPassword: TEST_PASSWORD, password: "amber lantern 4821 q", confirm: "amber lantern 4821 q" });
    case "teams.create":
      teamExamples += 1;
      return form({ name: `Fuzz Team ${teamExamples}` });
    case "teams.update": {
      const team = (await p.team.findUnique({ where: { name: "Fuzz Edit Team" } })) ?? (await p.team.create({ data: { name: "Fuzz Edit Team" } }));
      return form({ id: String(team.id), version: String(team.version), snapshot: JSON.stringify({ name: team.name }), name: "Fuzz Edit Team", managerId: "" });
    }
    case "settings.saveRegional":
    case "settings.savePipeline":
    case "settings.saveQuotes":
    case "settings.saveRecycleBin": {
      // Saved at the version stored now (0 while the setting is still at its default).
      const [key, fields] = {
        "settings.saveRegional": ["general", { currency: "CNY", locale: "" }],
        "settings.savePipeline": ["pipeline", { staleDays: "21" }],
        "settings.saveQuotes": ["quotes", { discountApprovalPct: "15" }],
        "settings.saveRecycleBin": ["recycleBin", { retentionDays: "60" }],
      }[name] as [string, Fields];
      const version = String((await p.setting.findUnique({ where: { key } }))?.version ?? 0);
      return form({ ...fields, version });
    }
    case "campaigns.create":
      campaignExamples += 1;
      return form(campaignForm(people, `Fuzz Campaign ${campaignExamples}`));
    case "campaigns.update": {
      const campaign = await exampleCampaign(db, people, r.customer, false);
      return form({ ...campaignForm(people, campaign.name), id: String(campaign.id), version: String(campaign.version), snapshot: JSON.stringify({ name: campaign.name }) });
    }
    case "campaigns.changeStatus":
    case "campaigns.launch":
      // A stale version: refused with a conflict, so the draft stays a draft for every later case.
      return form({ id: String((await exampleCampaign(db, people, r.customer, false)).id), version: "999", snapshot: JSON.stringify({ name: "Example Campaign" }), ...(name === "campaigns.changeStatus" ? { status: "CANCELLED" } : {}) });
    case "campaigns.addCost":
      return form({ campaignId: String((await exampleCampaign(db, people, r.customer, false)).id), description: "Printing", amount: "120.50", incurredOn: "2026-06-10" });
    case "campaigns.removeCost": {
      const campaign = await exampleCampaign(db, people, r.customer, false);
      const cost = (await p.campaignCost.findFirst({ where: { campaignId: campaign.id } })) ?? (await p.campaignCost.create({ data: { campaignId: campaign.id, description: "Postage", amount: "10.00", incurredOn: new Date("2026-06-10T00:00:00Z") } }));
      return form({ campaignId: String(campaign.id), costId: String(cost.id) });
    }
    case "campaigns.recordResponse": {
      const campaign = await exampleCampaign(db, people, r.customer, true);
      const member = await p.campaignMember.findFirstOrThrow({ where: { campaignId: campaign.id } });
      return form({ memberId: String(member.id), status: "RESPONDED" });
    }
    case "callLists.build":
      return form({ name: "Fuzz Call List", source: "segment", campaignId: "", segmentId: String((await exampleSegment(db, people, "DYNAMIC")).id), script: "Hello", maxAttempts: "3", retryMinutes: "120", agentIds: [String(people.repEast.id)] });
    case "callLists.nextCall":
      return form({ listId: String((await exampleCallList(db, people, r.customer)).list.id) });
    case "callLists.recordOutcome": {
      // A stale version: refused with a conflict, so the entry stays held for every later case.
      const { entry } = await exampleCallList(db, people, r.customer);
      return form({ entryId: String(entry.id), version: "999", outcome: "CALLBACK", callbackAt: "2026-06-11T10:00", timeZone: "Asia/Shanghai", notes: "" });
    }
    case "callLists.changeStatus":
    case "callLists.setAgents": {
      const { list } = await exampleCallList(db, people, r.customer);
      const base = { id: String(list.id), version: "999", snapshot: JSON.stringify({ name: list.name }) };
      return form(name === "callLists.changeStatus" ? { ...base, status: "PAUSED" } : { ...base, agentIds: [String(people.repEast.id)] });
    }
    case "campaignEmail.save":
    case "campaignEmail.changeSend": {
      // A stale version: refused with a conflict, so the example campaign keeps no template and sends nothing.
      const base = { campaignId: String((await exampleCampaign(db, people, r.customer, false)).id), version: "999", snapshot: JSON.stringify({ subject: "Hello" }) };
      return form(name === "campaignEmail.save" ? { ...base, subject: "Hello {{firstName}}", body: "Dear {{firstName | customer}}, see https://example.com/offer", ratePerMinute: "600" } : { ...base, change: "start" });
    }
    case "campaignEmail.sendTest":
      return form({ campaignId: String((await exampleCampaign(db, people, r.customer, false)).id), to: "tester@example.net", memberId: "" });
    case "campaignEmail.unsubscribe":
      return form({ token: "no-such-token-0123456789" });
    case "segments.preview":
      return data({ rule: JSON.stringify(EXAMPLE_RULE), segmentId: "" });
    case "segments.create":
      segmentExamples += 1;
      return form({ name: `Fuzz Segment ${segmentExamples}`, description: "", kind: "DYNAMIC", rule: JSON.stringify(EXAMPLE_RULE) });
    case "segments.update": {
      const segment = await exampleSegment(db, people, "DYNAMIC");
      return form({ id: String(segment.id), version: String(segment.version), snapshot: JSON.stringify({ name: segment.name }), name: segment.name, description: "", rule: JSON.stringify(EXAMPLE_RULE) });
    }
    case "segments.delete":
      // A stale version: refused with a conflict, so the segment stays for every later case.
      return form({ id: String((await exampleSegment(db, people, "DYNAMIC")).id), version: "999", snapshot: JSON.stringify({ name: "Example Segment" }) });
    case "segments.refresh":
      return form({ id: String((await exampleSegment(db, people, "DYNAMIC")).id) });
    case "segments.createStaticFromCsv":
      segmentExamples += 1;
      return form({ name: `Fuzz Static ${segmentExamples}`, description: "", csv: `customer_id\n${r.customer}\n` });
    case "segments.createStaticFromIds":
      segmentExamples += 1;
      return form({ name: `Fuzz Selection ${segmentExamples}`, description: "", ids: [String(r.customer)] });
    case "segments.addStaticMembers":
    case "segments.removeStaticMembers":
      return form({ id: String((await exampleSegment(db, people, "STATIC")).id), ids: [String(r.otherCustomer)] });
    case "segments.addStaticMembersFromCsv":
      return form({ id: String((await exampleSegment(db, people, "STATIC")).id), csv: `customer_id\n${r.otherCustomer}\n` });
    case "segments.import":
      segmentExamples += 1;
      return form({ json: JSON.stringify({ format: "summit-segment", version: 1, name: "Imported", description: null, kind: "DYNAMIC", rule: EXAMPLE_RULE }), name: `Fuzz Import ${segmentExamples}` });
    case "recycleBin.restore":
      // A customer that is not in the bin: refused as missing, nothing changes.
      return form({ type: "Customer", id: String(r.otherCustomer) });
    case "recycleBin.purgeNow":
      // A live contact is not in the bin: refused, nothing is erased.
      return form({ type: "Contact", id: String(r.contact), confirm: "yes" });
    case "csat.rate":
      // A well-formed token nobody was sent: refused (and logged) by the data layer.
      return form({ token: "b".repeat(43), satisfaction: "5" });
    default:
      throw new Error(`No example input for the action ${name}: add one here`);
  }
}
