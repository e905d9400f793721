import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fixClock, resetClock } from "@/lib/platform/clock";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

// Prisma 7 fills @default(now()) and @updatedAt in JavaScript with the machine's clock; the app's
// client fills them from lib/platform/clock.ts instead. A pinned instant far from any real date shows
// which clock wrote a row.
const CREATED = new Date("2001-02-03T04:05:06.000Z");
const UPDATED = new Date("2001-02-04T00:00:00.000Z");

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  resetClock();
  await db.close();
});

describe("time defaults read the app's clock", () => {
  test("create, update, createMany and upsert stamp the pinned instant; explicit values win", async () => {
    fixClock(CREATED);
    const customer = await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name: "Clock Co", region: "East China" } });
    expect(customer.createdAt).toEqual(CREATED);
    expect(customer.updatedAt).toEqual(CREATED);

    fixClock(UPDATED);
    const updated = await db.prisma.customer.update({ where: { id: customer.id }, data: { notes: "moved" } });
    expect(updated.createdAt).toEqual(CREATED);
    expect(updated.updatedAt).toEqual(UPDATED);

    const past = new Date("1999-12-31T00:00:00.000Z");
    await db.prisma.customer.createMany({ data: [{ kind: "INDIVIDUAL", name: "Many 1", region: "East China" }, { kind: "INDIVIDUAL", name: "Many 2", region: "East China", createdAt: past }] });
    const many = await db.prisma.customer.findMany({ where: { name: { startsWith: "Many" } }, orderBy: { name: "asc" }, select: { createdAt: true, updatedAt: true } });
    expect(many).toEqual([
      { createdAt: UPDATED, updatedAt: UPDATED },
      { createdAt: past, updatedAt: UPDATED },
    ]);

    const setting = await db.prisma.setting.upsert({ where: { key: "clock-test" }, create: { key: "clock-test", value: 1 }, update: { value: 2 } });
    expect(setting.updatedAt).toEqual(UPDATED);
  });

  test("inside an interactive transaction too (the DAL's writes all run in one)", async () => {
    fixClock(CREATED);
    const attempt = await db.prisma.$transaction((tx) => tx.loginAttempt.create({ data: { email: "x@test.local", ip: "127.0.0.1" } }));
    expect(attempt.at).toEqual(CREATED);
    const opportunityFields = await db.prisma.$transaction(async (tx) => {
      const owner = await tx.user.create({ data: { email: "clock@test.local", name: "Clock", passwordHash: "x", role: "REP" } });
      const customer = await tx.customer.create({ data: { kind: "ENTERPRISE", name: "Deal Co", region: "East China" } });
      return tx.opportunity.create({
        data: { name: "Deal", customerId: customer.id, ownerId: owner.id, amount: "1.00", probability: 10, expectedCloseDate: CREATED },
        select: { createdAt: true, lastActivityAt: true },
      });
    });
    expect(opportunityFields).toEqual({ createdAt: CREATED, lastActivityAt: CREATED });
  });
});
