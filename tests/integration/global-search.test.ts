import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { globalSearch } from "@/lib/search/queries";
import { TEST_NOW } from "../support/clock";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
let people: People;

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  const east = await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name: "Orchid East Co", region: "East China", ownerId: people.repEast.id } });
  const west = await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name: "Orchid West Co", region: "Southwest", ownerId: people.repWest.id } });
  await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name: "Orchid Gone Co", region: "Southwest", deletedAt: TEST_NOW } });
  await db.prisma.contact.create({ data: { customerId: west.id, name: "Orchid Contact" } });
  await db.prisma.lead.create({ data: { name: "Orchid Lead East", source: "web", ownerId: people.repEast.id } });
  await db.prisma.lead.create({ data: { name: "Orchid Lead West", source: "web", ownerId: people.repWest.id } });
  await db.prisma.opportunity.create({ data: { name: "Orchid Deal West", customerId: west.id, amount: "1.00", probability: 10, expectedCloseDate: TEST_NOW, ownerId: people.repWest.id } });
  await db.prisma.ticket.create({ data: { customerId: west.id, subject: "Orchid printer broken" } });
  await db.prisma.ticket.create({ data: { customerId: east.id, subject: "Orchid invoice wrong" } });
});
afterAll(() => db.close());

const titles = async (actor: People[keyof People], q = "orchid") => (await globalSearch(actor, q)).map((h) => `${h.kind}:${h.title}`).sort();

describe("global search (Ctrl/Cmd+K) shows only what the user may read", () => {
  test("a rep: every customer and contact; own leads, deals and customers' tickets", async () => {
    expect(await titles(people.repEast)).toEqual(
      ["contact:Orchid Contact", "customer:Orchid East Co", "customer:Orchid West Co", "lead:Orchid Lead East", `ticket:#${(await db.prisma.ticket.findFirstOrThrow({ where: { subject: "Orchid invoice wrong" } })).id} Orchid invoice wrong`].sort(),
    );
  });

  test("an agent: customers, contacts and all tickets, but no leads or deals", async () => {
    const kinds = (await globalSearch(people.agent, "orchid")).map((h) => h.kind);
    expect(kinds.filter((k) => k === "ticket")).toHaveLength(2);
    expect(kinds).not.toContain("lead");
    expect(kinds).not.toContain("opportunity");
  });

  test("an admin sees everything except deleted customers", async () => {
    const all = await titles(people.admin);
    expect(all).toContain("opportunity:Orchid Deal West");
    expect(all).toContain("lead:Orchid Lead West");
    expect(all.some((t) => t.includes("Gone"))).toBe(false);
  });

  test("one character finds nothing; wildcards are literal", async () => {
    expect(await globalSearch(people.admin, "o")).toEqual([]);
    expect(await globalSearch(people.admin, "%%")).toEqual([]);
  });
});
