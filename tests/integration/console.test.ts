import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { POST as postCti } from "@/app/api/cti/events/route";
import { createCustomer } from "@/lib/customers/mutations";
import { customerInputSchema } from "@/lib/customers/schema";
import { fixClock, nowMs, resetClock } from "@/lib/platform/clock";
import { NotAllowedError } from "@/lib/platform/errors";
import { subscribeEvents, userTopic } from "@/lib/platform/events";
import { bodySignature } from "@/lib/platform/webhook-signature";
import { crossSellFor } from "@/lib/scoring/queries";
import { logServiceContact, lookupCaller, parseCallerQuery } from "@/lib/tickets/console";
import type { ConsoleEvent } from "@/lib/tickets/cti";
import { getTicket } from "@/lib/tickets/queries";
import { consoleContactSchema } from "@/lib/tickets/schema";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

const SECRET = "cti-test-secret";
const NOW = new Date("2026-06-09T02:00:00Z");

let db: TestDatabase;
let people: People;
let li: number;
let wu: number;

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  fixClock(NOW);
  li = (await createCustomer(people.repEast, customerInputSchema.parse({ kind: "INDIVIDUAL", name: "Li Na", region: "East China", phone: "+86 138-1234-5678", email: "li.na@example.com" }))).id;
  wu = (await createCustomer(people.repWest, customerInputSchema.parse({ kind: "ENTERPRISE", name: "Wu Trading", region: "West China", phone: "021 6123 4567" }))).id;
  await db.prisma.contact.create({ data: { customerId: wu, name: "Mr. Zhang", email: "zhang@wutrading.example" } });
  await db.prisma.user.update({ where: { id: people.agent.id }, data: { phoneExtension: "8001" } });
});
afterAll(async () => {
  resetClock();
  await db.close();
});
beforeEach(() => {
  fixClock(NOW);
  process.env.CTI_SECRET = SECRET;
});
afterEach(() => {
  delete process.env.CTI_SECRET;
});

describe("finding the caller", () => {
  test.each([
    ["13812345678", "phone"],
    ["+86 138 1234 5678", "phone"],
    ["0086-138-1234-5678", "phone"],
    [" Li.Na@Example.com ", "email"],
    ["hello", "invalid"],
  ])("%s is a %s query", (text, kind) => {
    expect(parseCallerQuery(text).kind).toBe(kind);
  });

  test("a number in any format finds the customer with what to know and offer; an email finds a contact's customer", async () => {
    const byPhone = await lookupCaller(people.agent, "138 1234 5678");
    expect(byPhone.matches.map((m) => m.id)).toEqual([li]);
    expect(byPhone.matches[0]).toMatchObject({ name: "Li Na", doNotContact: { phone: false }, openTickets: [], crossSell: [] });
    const byLandline = await lookupCaller(people.agent, "+86 21 6123 4567");
    expect(byLandline.matches.map((m) => m.id)).toEqual([wu]);
    const byContact = await lookupCaller(people.agent, "ZHANG@wutrading.example");
    expect(byContact.matches[0]).toMatchObject({ id: wu, viaContact: "Mr. Zhang" });
    expect((await lookupCaller(people.agent, "+86 139 0000 0000")).matches).toEqual([]);
  });
});

describe("logging the contact in one step", () => {
  test("a touchpoint and a new ticket, linked; then a note on that open ticket", async () => {
    const opened = await logServiceContact(
      people.agent,
      consoleContactSchema.parse({ customerId: li, channel: "PHONE", summary: "No signal at home", outcome: "Ticket opened", ticket: { mode: "open", subject: "No signal", category: "technical", priority: "P2" } }),
      NOW,
    );
    expect(opened.ticketId).not.toBeNull();
    const touchpoint = await db.prisma.touchpoint.findUniqueOrThrow({ where: { id: opened.touchpointId } });
    expect(touchpoint).toMatchObject({ customerId: li, direction: "INBOUND", channel: "PHONE", ticketId: opened.ticketId, userId: people.agent.id });
    expect((await getTicket(people.admin, opened.ticketId!))!).toMatchObject({ subject: "No signal", description: "No signal at home", priority: "P2" });
    const card = (await lookupCaller(people.agent, "13812345678")).matches[0];
    expect(card.openTickets.map((t) => t.id)).toEqual([opened.ticketId]);
    expect(card.recentTouchpoints[0]).toMatchObject({ summary: "No signal at home" });

    const noted = await logServiceContact(people.agent, consoleContactSchema.parse({ customerId: li, channel: "PHONE", summary: "Called again", ticket: { mode: "note", ticketId: opened.ticketId } }), NOW);
    expect(noted.ticketId).toBe(opened.ticketId);
    expect((await getTicket(people.agent, opened.ticketId!))!.messages.map((m) => [m.kind, m.body])).toEqual([["NOTE", "Called again"]]);
  });

  test("a rep may log a contact but not add to a ticket they cannot work; nothing half-done stays", async () => {
    const [ticket] = await db.prisma.ticket.findMany({ where: { customerId: li }, take: 1 });
    const before = await db.prisma.touchpoint.count();
    await expect(logServiceContact(people.repEast, consoleContactSchema.parse({ customerId: li, channel: "PHONE", summary: "x", ticket: { mode: "note", ticketId: ticket.id } }), NOW)).rejects.toBeInstanceOf(NotAllowedError);
    expect(await db.prisma.touchpoint.count()).toBe(before);
  });
});

describe("telephony events", () => {
  function ctiRequest(event: Record<string, unknown>, options: { secret?: string; timestamp?: number } = {}): Request {
    const body = JSON.stringify(event);
    const timestamp = String(Math.floor((options.timestamp ?? nowMs()) / 1000));
    return new Request("http://localhost/api/cti/events", {
      method: "POST",
      headers: { "content-type": "application/json", "x-cti-timestamp": timestamp, "x-cti-signature": bodySignature(options.secret ?? SECRET, timestamp, body) },
      body,
    });
  }

  test("only signed, fresh events are taken", async () => {
    const event = { event: "ringing", callId: "c-0", from: "13812345678", extension: "8001" };
    expect((await postCti(ctiRequest(event, { secret: "wrong" }))).status).toBe(401);
    expect((await postCti(ctiRequest(event, { timestamp: nowMs() - 600_000 }))).status).toBe(401);
    expect((await postCti(ctiRequest({ ...event, event: "exploded" }))).status).toBe(400);
    expect((await postCti(ctiRequest({ ...event, extension: "9999" }))).status).toBe(404);
    delete process.env.CTI_SECRET;
    expect((await postCti(ctiRequest(event))).status).toBe(503);
  });

  test("ringing pops the caller on the agent's console; ended logs the call once, however often it is posted", async () => {
    const received: ConsoleEvent[] = [];
    let delivered!: () => void;
    const ringing = new Promise<void>((resolve) => (delivered = resolve));
    // Subscribed before the event is posted, as the console page's stream is.
    const stop = await subscribeEvents(userTopic(people.agent.id), (data) => {
      received.push(data as ConsoleEvent);
      delivered();
    });
    const response = await postCti(ctiRequest({ event: "ringing", callId: "c-1", from: "+86 138 1234 5678", extension: "8001" }));
    expect(response.status).toBe(200);
    await ringing;
    expect(received[0]).toEqual({ type: "ringing", callId: "c-1", from: "+86 138 1234 5678", customerIds: [li] });

    const ended = { event: "ended", callId: "c-1", from: "+86 138 1234 5678", extension: "8001", durationSeconds: 185 };
    const first = (await (await postCti(ctiRequest(ended))).json()) as { touchpointId: number; duplicate: boolean };
    expect(first.duplicate).toBe(false);
    const again = (await (await postCti(ctiRequest(ended))).json()) as { touchpointId: number; duplicate: boolean };
    expect(again).toMatchObject({ touchpointId: first.touchpointId, duplicate: true });
    expect(await db.prisma.touchpoint.findUniqueOrThrow({ where: { id: first.touchpointId } })).toMatchObject({ customerId: li, channel: "PHONE", direction: "INBOUND", summary: "Inbound call +86 138 1234 5678 (3:05)", outcome: "Answered", userId: people.agent.id });
    stop();
  });
});

describe("cross-sell offers", () => {
  test("each customer gets the rules' suggestions for what they bought, from one batch, never what they own", async () => {
    const category = await db.prisma.productCategory.create({ data: { name: "Offers" } });
    const product = (sku: string, name: string) => db.prisma.product.create({ data: { sku, name, categoryId: category.id, listPrice: "10.00", unitCost: "5.00" } });
    const [router, mesh, tv] = [await product("X-ROUTER", "Router"), await product("X-MESH", "Mesh extender"), await product("X-TV", "TV box")];
    await db.prisma.associationRule.createMany({
      data: [
        { lhs: [router.id], rhs: mesh.id, support: 0.1, confidence: 0.6, lift: 3, count: 10 },
        { lhs: [tv.id], rhs: router.id, support: 0.05, confidence: 0.4, lift: 2, count: 5 },
      ],
    });
    const buy = (customerId: number, productId: number) =>
      db.prisma.order.create({ data: { customerId, orderedAt: NOW, total: "10.00", margin: "5.00", lines: { create: [{ productId, quantity: 1, unitPrice: "10.00", lineTotal: "10.00", lineCost: "5.00" }] } } });
    await buy(li, router.id);
    await buy(wu, tv.id);
    const offers = await crossSellFor(people.agent, [li, wu], 3);
    expect(offers.get(li)).toEqual([{ product: "Mesh extender", because: ["Router"], confidence: 0.6, lift: 3 }]);
    expect(offers.get(wu)).toEqual([{ product: "Router", because: ["TV box"], confidence: 0.4, lift: 2 }]);
    expect((await lookupCaller(people.agent, "138 1234 5678")).matches[0].crossSell.map((o) => o.product)).toEqual(["Mesh extender"]);
  });
});
