import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { withClientConnection } from "@/lib/platform/auth/client-address";
import { authOptions } from "@/lib/platform/auth/options";
import { authenticate, RATE_LIMIT } from "@/lib/platform/auth/accounts";
import { nowMs } from "@/lib/platform/clock";
import { createPeople, TEST_PASSWORD } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await createPeople(db);
});
afterAll(() => db.close());

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;

/** The credentials provider's authorize as next-auth calls it from the route handler. */
function authorize(): Authorize {
  const provider = authOptions.providers[0] as unknown as { options: { authorize: Authorize } };
  return provider.options.authorize;
}

/** Signs in through the provider; resolves to the error code next-auth would hand to the form, or "OK". */
async function signIn(email: string, password: string, headers: Record<string, string>): Promise<string> {
  try {
    await authorize()({ email, password }, { headers });
    return "OK";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function auditCount(action: string, email: string): Promise<number> {
  return db.prisma.auditLog.count({ where: { action, changes: { path: ["email"], equals: email } } });
}

describe("the counted client address", () => {
  afterEach(() => {
    delete process.env.TRUSTED_PROXY_HOPS;
  });

  async function lastFailureAddress(): Promise<string | null> {
    const row = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "LOGIN_FAILED" }, orderBy: { id: "desc" } });
    return row.ip;
  }

  test("without a captured connection, a client-set X-Forwarded-For is not the counted address", async () => {
    expect(await signIn("admin@test.local", "wrong", { "x-forwarded-for": "203.0.113.9" })).toBe("INVALID_CREDENTIALS");
    expect(await lastFailureAddress()).toBe("unknown");
  });

  test("with 0 trusted hops the socket's address is counted, whatever X-Forwarded-For says", async () => {
    const connection = { socketAddress: "::ffff:10.20.30.40", forwardedFor: "203.0.113.9" };
    await withClientConnection(connection, () => signIn("admin@test.local", "wrong", { "x-forwarded-for": "203.0.113.9" }));
    expect(await lastFailureAddress()).toBe("10.20.30.40");
  });

  test(`with 0 trusted hops, rotating X-Forwarded-For does not escape the per-address limit of ${RATE_LIMIT.perAddress}`, async () => {
    const attempt = (email: string, i: number) => {
      const forwardedFor = `198.51.100.${i}`;
      return withClientConnection({ socketAddress: "10.20.30.41", forwardedFor }, () => signIn(email, "guess", { "x-forwarded-for": forwardedFor }));
    };
    for (let i = 0; i < RATE_LIMIT.perAddress; i++) expect(await attempt(`rotate${i}@test.local`, i)).toBe("INVALID_CREDENTIALS");
    expect(await attempt("rotate-last@test.local", 250)).toBe("RATE_LIMITED");
  });

  test("with 1 trusted hop the entry our proxy appended is counted, not the client's own entries", async () => {
    process.env.TRUSTED_PROXY_HOPS = "1";
    const proxy = "10.0.0.254";
    await withClientConnection({ socketAddress: proxy, forwardedFor: "203.0.113.66, 198.51.100.7" }, () =>
      signIn("admin@test.local", "wrong", { "x-forwarded-for": "203.0.113.66, 198.51.100.7" }),
    );
    expect(await lastFailureAddress()).toBe("198.51.100.7");
    // The client rotates what it sends; the proxy's entry stays, and so does the limit.
    const attempt = (email: string, i: number) => {
      const forwardedFor = `203.0.113.${i}, 198.51.100.8`;
      return withClientConnection({ socketAddress: proxy, forwardedFor }, () => signIn(email, "guess", { "x-forwarded-for": forwardedFor }));
    };
    for (let i = 0; i < RATE_LIMIT.perAddress; i++) expect(await attempt(`hop${i}@test.local`, i)).toBe("INVALID_CREDENTIALS");
    expect(await attempt("hop-last@test.local", 99)).toBe("RATE_LIMITED");
    // Other clients behind the same proxy are not locked out with it.
    expect(await withClientConnection({ socketAddress: proxy, forwardedFor: "198.51.100.9" }, () => signIn("agent@test.local", TEST_PASSWORD, {}))).toBe("OK");
  });
});

describe("parallel wrong passwords", () => {
  test(`50 at once on one account: at most ${RATE_LIMIT.perAccount} passwords are checked`, async () => {
    const email = "rep.west@test.local";
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => authenticate(email, `wrong-${i}`, `192.0.2.${i}`)));
    expect(results.filter((r) => !r.ok && r.code === "INVALID_CREDENTIALS")).toHaveLength(RATE_LIMIT.perAccount);
    expect(results.filter((r) => !r.ok && r.code === "RATE_LIMITED")).toHaveLength(50 - RATE_LIMIT.perAccount);
    // Each password check leaves one LOGIN_FAILED row; a refusal before the check leaves LOGIN_RATE_LIMITED.
    expect(await auditCount("LOGIN_FAILED", email)).toBe(RATE_LIMIT.perAccount);
    expect(await auditCount("LOGIN_RATE_LIMITED", email)).toBe(50 - RATE_LIMIT.perAccount);
    expect(await authenticate(email, TEST_PASSWORD, "192.0.2.200")).toEqual({ ok: false, code: "RATE_LIMITED" });
  });

  test(`50 at once from one address on different accounts: at most ${RATE_LIMIT.perAddress} are checked`, async () => {
    const ip = "192.0.2.77";
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => authenticate(`spray${i}@test.local`, "guess", ip)));
    expect(results.filter((r) => !r.ok && r.code === "INVALID_CREDENTIALS")).toHaveLength(RATE_LIMIT.perAddress);
    expect(await db.prisma.auditLog.count({ where: { action: "LOGIN_FAILED", ip } })).toBe(RATE_LIMIT.perAddress);
    expect(await db.prisma.auditLog.count({ where: { action: "LOGIN_RATE_LIMITED", ip } })).toBe(50 - RATE_LIMIT.perAddress);
  });
});

describe("failed sign-ins are not kept forever", () => {
  test("attempts older than the window are purged by the next attempt", async () => {
    const old = new Date(nowMs() - RATE_LIMIT.windowMs - 60_000);
    await db.prisma.loginAttempt.createMany({
      data: Array.from({ length: 5 }, (_, i) => ({ email: `gone${i}@example.com`, ip: "203.0.113.9", at: old })),
    });
    const recent = new Date(nowMs() - 60_000);
    await db.prisma.loginAttempt.create({ data: { email: "recent@example.com", ip: "203.0.113.10", at: recent } });
    expect(await authenticate("nobody@example.com", "wrong password", "203.0.113.11")).toEqual({ ok: false, code: "INVALID_CREDENTIALS" });
    expect(await db.prisma.loginAttempt.count({ where: { at: { lt: new Date(nowMs() - RATE_LIMIT.windowMs) } } })).toBe(0);
    expect(await db.prisma.loginAttempt.count({ where: { email: { in: ["recent@example.com", "nobody@example.com"] } } })).toBe(2);
  });
});
