import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { bootDatabase, offerFirstAdminSetup } from "@/lib/platform/db/bootstrap";
import { hasDemoData } from "@/lib/platform/db/demo-data";
import { authenticate, checkSetupToken, createFirstAdmin, setupIsOpen } from "@/lib/platform/auth/accounts";
import { demoDataInUse } from "@/lib/platform/db/demo-data-in-use";
import { resetDatabase, seedDemoData } from "@/prisma/seed/generate";
import { runUserCreate } from "@/scripts/lib/user-create-cli";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
const PASSWORD = "correct horse battery staple";
const savedEnv = { ...process.env };

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());
afterEach(() => {
  process.env = { ...savedEnv };
  vi.restoreAllMocks();
});

async function users(): Promise<number> {
  return db.prisma.user.count();
}

async function denials(): Promise<{ reason: unknown; ip: string | null }[]> {
  const rows = await db.prisma.auditLog.findMany({ where: { action: "DENIED", entity: "Setup" }, orderBy: { id: "asc" } });
  return rows.map((r) => ({ reason: (r.changes as { reason?: unknown } | null)?.reason, ip: r.ip }));
}

function admin(token: string, email = "root@example.com") {
  return { token, email, name: "Root Admin", password: PASSWORD, confirm: PASSWORD };
}

describe("first start without demo data", () => {
  test("SUMMIT_DEMO_DATA=off: no demo company, no banner, and the log carries a one-time setup link", async () => {
    process.env.SUMMIT_DEMO_DATA = "off";
    process.env.NEXTAUTH_URL = "https://crm.example.com/";
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await bootDatabase();
    expect(await users()).toBe(0);
    expect(await hasDemoData(db.sql)).toBe(false);
    const line = log.mock.calls.map((c) => String(c[0])).find((l) => l.includes("/setup?token="));
    expect(line).toMatch(/^\[summit\] no users yet: create the first admin at https:\/\/crm\.example\.com\/setup\?token=[A-Za-z0-9_-]{43}$/);
    expect(await setupIsOpen()).toBe(true);
    expect(await checkSetupToken(line!.split("token=")[1], "10.0.0.1")).toBe(true);
  });
});

describe("/setup", () => {
  test("refuses a wrong token (logged), accepts the printed one once, then is gone", async () => {
    const first = await offerFirstAdminSetup(db.sql, () => undefined);
    // A second app server started too: its printed link works as well.
    const second = await offerFirstAdminSetup(db.sql, () => undefined);
    expect(first).not.toBeNull();
    expect(second).not.toBe(first);
    expect(await checkSetupToken(first!, null)).toBe(true);
    expect(await checkSetupToken(second!, null)).toBe(true);

    const before = (await denials()).length;
    expect(await checkSetupToken("guessed-token", "203.0.113.5")).toBe(false);
    expect(await createFirstAdmin(admin("guessed-token"), "203.0.113.5")).toEqual({ ok: false, reason: "token" });
    expect(await createFirstAdmin(admin(first!.slice(0, -1) + (first!.endsWith("A") ? "B" : "A")), "203.0.113.5")).toEqual({ ok: false, reason: "token" });
    expect(await users()).toBe(0);
    expect((await denials()).slice(before)).toEqual([
      { reason: "token", ip: "203.0.113.5" },
      { reason: "token", ip: "203.0.113.5" },
      { reason: "token", ip: "203.0.113.5" },
    ]);

    // Two submissions at once with a genuine token: exactly one administrator.
    const results = await Promise.all([createFirstAdmin(admin(first!), "10.0.0.2"), createFirstAdmin(admin(second!, "other@example.com"), "10.0.0.3")]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "closed" }]);
    expect(await users()).toBe(1);
    const created = await db.prisma.user.findFirstOrThrow();
    expect(created.role).toBe("ADMIN");
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "CREATE", entity: "User", entityId: String(created.id) } });
    expect(JSON.stringify(audit.changes)).toContain("setup");
    expect(JSON.stringify(audit.changes)).not.toContain(PASSWORD);

    // Used: no token opens it again, and the page is gone for everyone.
    expect(await createFirstAdmin(admin(first!, "again@example.com"), null)).toEqual({ ok: false, reason: "closed" });
    expect(await setupIsOpen()).toBe(false);
    expect(await checkSetupToken(first!, null)).toBe(false);
    expect(await checkSetupToken(second!, null)).toBe(false);
    expect(await db.prisma.setting.findUnique({ where: { key: "setupTokens" } })).toBeNull();
    expect(await offerFirstAdminSetup(db.sql, () => undefined)).toBeNull();

    // The administrator signs in with the password they chose.
    const signedIn = await authenticate(created.email, PASSWORD, "10.0.0.2");
    expect(signedIn).toMatchObject({ ok: true, user: { role: "ADMIN", teamId: null } });
  });
});

describe("npm run user:create", () => {
  async function run(argv: string[], password: string) {
    let stdout = "";
    let stderr = "";
    const code = await runUserCreate(argv, {
      readPassword: async () => password,
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
    });
    return { code, stdout, stderr };
  }

  test("creates an administrator who can sign in; the command line is audited", async () => {
    await resetDatabase(db.sql);
    await offerFirstAdminSetup(db.sql, () => undefined);
    const result = await run(["--admin", "--email", "Ops@Example.com", "--name", "Ops Admin"], PASSWORD);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^Created ADMIN ops@example\.com \(id \d+\)/);
    expect(await authenticate("ops@example.com", PASSWORD, "10.0.1.1")).toMatchObject({ ok: true, user: { role: "ADMIN" } });
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "CREATE", entity: "User" } });
    expect(audit.userId).toBeNull();
    expect(JSON.stringify(audit.changes)).toContain("cli");
    // The first account closes /setup, however it was made.
    expect(await setupIsOpen()).toBe(false);
    expect(await db.prisma.setting.findUnique({ where: { key: "setupTokens" } })).toBeNull();
  });

  test("refuses a weak password, a taken email and an unknown team, creating nothing", async () => {
    const count = await users();
    expect(await run(["--admin", "--email", "weak@example.com", "--name", "Weak"], "Summit-demo-2026")).toMatchObject({
      code: 1,
      stderr: "user:create: password: This password is among the first ones guessed: choose another.\n",
    });
    expect(await run(["--admin", "--email", "short@example.com", "--name", "Short"], "tiny")).toMatchObject({ code: 1, stderr: expect.stringContaining("at least 12 characters") });
    expect(await run(["--admin", "--email", "ops@example.com", "--name", "Again"], PASSWORD)).toMatchObject({ code: 1, stderr: expect.stringContaining("exists already") });
    expect(await run(["--role", "REP", "--team", "Nowhere", "--email", "rep@example.com", "--name", "Rep"], PASSWORD)).toMatchObject({ code: 1, stderr: expect.stringContaining("no team") });
    expect(await run(["--email", "x@example.com"], PASSWORD)).toMatchObject({ code: 2 });
    expect(await users()).toBe(count);
  });

  test("creates a rep in a named team", async () => {
    await db.prisma.team.create({ data: { name: "East" } });
    expect(await run(["--role", "REP", "--team", "East", "--email", "rep@example.com", "--name", "Rui Chen"], PASSWORD)).toMatchObject({ code: 0 });
    expect(await authenticate("rep@example.com", PASSWORD, "10.0.1.2")).toMatchObject({ ok: true, user: { role: "REP", teamId: expect.any(Number) } });
  });
});

describe("the demo marker", () => {
  test("the seed records the demo company with its users; the banner's query sees it until a reset", async () => {
    await resetDatabase(db.sql);
    expect(await demoDataInUse()).toBe(false);
    await seedDemoData(db.sql, { customers: 20, now: new Date("2026-06-10T00:00:00Z") });
    expect(await hasDemoData(db.sql)).toBe(true);
    expect(await offerFirstAdminSetup(db.sql, () => undefined)).toBeNull();
    await resetDatabase(db.sql);
    expect(await hasDemoData(db.sql)).toBe(false);
  });
});
