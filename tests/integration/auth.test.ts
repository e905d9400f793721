import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { authenticate, loadSessionUser, RATE_LIMIT } from "@/lib/platform/auth/accounts";
import { createPeople, type People, TEST_PASSWORD } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
let people: People;

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
});
afterAll(() => db.close());

describe("sign-in", () => {
  test("the right password signs in, records the login and returns the role and team", async () => {
    const result = await authenticate("rep.east@test.local", TEST_PASSWORD, "10.0.0.1");
    expect(result).toEqual({ ok: true, user: expect.objectContaining({ id: people.repEast.id, role: "REP", teamId: people.repEast.teamId }) });
    const audit = await db.prisma.auditLog.findFirst({ where: { action: "LOGIN", userId: people.repEast.id } });
    expect(audit?.ip).toBe("10.0.0.1");
  });

  test("a wrong password is refused and counted", async () => {
    const result = await authenticate("rep.west@test.local", "wrong", "10.0.0.2");
    expect(result).toEqual({ ok: false, code: "INVALID_CREDENTIALS" });
    expect(await db.prisma.loginAttempt.count({ where: { email: "rep.west@test.local" } })).toBe(1);
    expect(await db.prisma.auditLog.count({ where: { action: "LOGIN_FAILED", entityId: String(people.repWest.id) } })).toBe(1);
  });

  test("an unknown email answers exactly like a wrong password", async () => {
    expect(await authenticate("nobody@test.local", "whatever", "10.0.0.3")).toEqual({ ok: false, code: "INVALID_CREDENTIALS" });
  });

  test(`after ${RATE_LIMIT.perAccount} failures the account is rate-limited, even with the right password`, async () => {
    const email = "manager.east@test.local";
    for (let i = 0; i < RATE_LIMIT.perAccount; i++) {
      expect((await authenticate(email, `bad-${i}`, `10.1.0.${i}`)).ok).toBe(false);
    }
    expect(await authenticate(email, TEST_PASSWORD, "10.1.0.99")).toEqual({ ok: false, code: "RATE_LIMITED" });
    expect(await db.prisma.auditLog.count({ where: { action: "LOGIN_RATE_LIMITED" } })).toBeGreaterThan(0);
  });

  test(`one address is limited after ${RATE_LIMIT.perAddress} failures across accounts`, async () => {
    const ip = "10.9.9.9";
    for (let i = 0; i < RATE_LIMIT.perAddress; i++) {
      await authenticate(`spray${i}@test.local`, "guess", ip);
    }
    expect(await authenticate("agent@test.local", TEST_PASSWORD, ip)).toEqual({ ok: false, code: "RATE_LIMITED" });
    // The same account from another address is unaffected.
    expect((await authenticate("agent@test.local", TEST_PASSWORD, "10.9.9.10")).ok).toBe(true);
  });

  test("a successful sign-in clears the account's failure count", async () => {
    await authenticate("rep.east2@test.local", "bad", "10.2.0.1");
    expect((await authenticate("rep.east2@test.local", TEST_PASSWORD, "10.2.0.1")).ok).toBe(true);
    expect(await db.prisma.loginAttempt.count({ where: { email: "rep.east2@test.local" } })).toBe(0);
  });
});

describe("session user", () => {
  test("a role change applies on the next request and a deactivated user is refused", async () => {
    await db.prisma.user.update({ where: { id: people.repEast2.id }, data: { role: "MANAGER" } });
    expect((await loadSessionUser(people.repEast2.id))?.role).toBe("MANAGER");
    await db.prisma.user.update({ where: { id: people.repEast2.id }, data: { active: false } });
    expect(await loadSessionUser(people.repEast2.id)).toBeNull();
    expect(await authenticate("rep.east2@test.local", TEST_PASSWORD, "10.3.0.1")).toEqual({ ok: false, code: "INVALID_CREDENTIALS" });
  });
});
