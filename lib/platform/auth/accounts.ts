import "server-only";
import { CACHE_TAGS, invalidateCache } from "@/lib/platform/cache";
import { hashPassword, verifyPassword } from "@/lib/platform/auth/password";
import { type FirstAdminInput, newAccountSchema, type NewAccountInput } from "@/lib/platform/auth/password-policy";
import { matchesSetupToken, SETUP_TOKENS_KEY } from "@/lib/platform/auth/setup-token";
import type { Role } from "@/lib/generated/prisma/enums";
import { now as clockNow, nowMs } from "@/lib/platform/clock";
import { writeAudit } from "@/lib/platform/audit";
import { db, type Tx } from "@/lib/platform/db/prisma";
import { RuleError } from "@/lib/platform/errors";

export const RATE_LIMIT = {
  windowMs: 15 * 60 * 1000,
  perAccount: 5,
  perAddress: 20,
} as const;

export type AuthenticatedUser = { id: number; email: string; name: string; role: Role; teamId: number | null };
export type AuthResult =
  | { ok: true; user: AuthenticatedUser }
  | { ok: false; code: "INVALID_CREDENTIALS" | "RATE_LIMITED" };

let dummyHash: Promise<string> | undefined;

// Advisory-lock key spaces (the two-int form): one for accounts, one for addresses, so an email and
// an address that hash alike never share a lock.
const ACCOUNT_LOCK = 0x5e51;
const ADDRESS_LOCK = 0x5e52;

/**
 * Reserves one attempt against both limits, or refuses. The count and the new LoginAttempt row share
 * one transaction that holds the account's and the address's advisory locks (account first, always,
 * so two sign-ins never wait on each other in a cycle): of N concurrent attempts at most the limit
 * are admitted, on every app server sharing the database. The row is written before the password is
 * checked, so a slow hash cannot open a window; a successful sign-in deletes it again.
 */
async function reserveAttempt(email: string, ip: string): Promise<boolean> {
  const prisma = await db();
  const since = new Date(nowMs() - RATE_LIMIT.windowMs);
  // Attempts older than the window count for nothing: drop them, so the table holds one window's worth.
  await prisma.loginAttempt.deleteMany({ where: { at: { lt: since } } });
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ACCOUNT_LOCK}::int, hashtext(${email}::text))`;
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADDRESS_LOCK}::int, hashtext(${ip}::text))`;
      const byAccount = await tx.loginAttempt.count({ where: { email, at: { gte: since } } });
      const byAddress = await tx.loginAttempt.count({ where: { ip, at: { gte: since } } });
      if (byAccount >= RATE_LIMIT.perAccount || byAddress >= RATE_LIMIT.perAddress) return false;
      await tx.loginAttempt.create({ data: { email, ip } });
      return true;
    },
    { maxWait: 10_000, timeout: 10_000 },
  );
}

/**
 * Checks an email + password. Attempts are counted in the database per account and per client
 * address, so the limit holds across app servers, and counted atomically (reserveAttempt), so
 * parallel guesses cannot all pass it. Unknown emails cost a hash verification too, so timing does
 * not tell which accounts exist.
 */
export async function authenticate(email: string, password: string, ip: string): Promise<AuthResult> {
  const prisma = await db();
  if (!(await reserveAttempt(email, ip))) {
    await writeAudit(prisma, { userId: null, action: "LOGIN_RATE_LIMITED", entity: "User", detail: { email }, ip });
    return { ok: false, code: "RATE_LIMITED" };
  }
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, teamId: true, active: true, passwordHash: true },
  });
  dummyHash ??= hashPassword("timing-equaliser");
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (!user || !valid || !user.active) {
    // The reserved attempt stays: it is this failure's record.
    await writeAudit(prisma, { userId: user?.id ?? null, action: "LOGIN_FAILED", entity: "User", entityId: user?.id, detail: { email }, ip });
    return { ok: false, code: "INVALID_CREDENTIALS" };
  }
  await prisma.$transaction([
    prisma.loginAttempt.deleteMany({ where: { email } }),
    prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: clockNow() } }),
  ]);
  await writeAudit(prisma, { userId: user.id, action: "LOGIN", entity: "User", entityId: user.id, ip });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, teamId: user.teamId } };
}

/**
 * The live state of a session's user: deactivation and role changes apply on the next request.
 * `signedInAt` is when the session's sign-in happened (ms, a claim the JWT carries from sign-in on):
 * a session older than the account's last password change or reset is refused, so a reset ends every
 * session of the old password. Undefined or null: no sign-in time to check (not a session).
 */
export async function loadSessionUser(userId: number, signedInAt?: number | null) {
  const prisma = await db();
  const user = await prisma.user.findFirst({
    where: { id: userId, active: true },
    select: { id: true, email: true, name: true, role: true, teamId: true, locale: true, team: { select: { name: true } }, mustChangePassword: true, passwordChangedAt: true },
  });
  if (!user) return null;
  if (!sessionPredatesPasswordChange(signedInAt, user.passwordChangedAt)) return user;
  return null;
}

/** True when a session signed in at `signedInAt` began before the password last changed. */
export function sessionPredatesPasswordChange(signedInAt: number | null | undefined, passwordChangedAt: Date | null): boolean {
  if (signedInAt === undefined || signedInAt === null || passwordChangedAt === null) return false;
  return signedInAt < passwordChangedAt.getTime();
}

export type CreatedAccount = { id: number; email: string; name: string; role: Role; teamId: number | null };

// Serialises first-admin creation with the boot's token issue (lib/platform/db/bootstrap.ts takes the same lock).
const setupLock = (tx: Tx) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${SETUP_TOKENS_KEY}::text))`;

async function insertAccount(tx: Tx, input: NewAccountInput, role: Role, teamId: number | null, detail: Record<string, unknown>, ip: string | null): Promise<CreatedAccount> {
  if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw new RuleError("setup.errors.emailTaken", "email");
  const user = await tx.user.create({
    data: { email: input.email, name: input.name, role, teamId, passwordHash: await hashPassword(input.password) },
    select: { id: true, email: true, name: true, role: true, teamId: true },
  });
  // The digests of printed setup links die with the first account, however it was made.
  await tx.setting.deleteMany({ where: { key: SETUP_TOKENS_KEY } });
  await invalidateCache(tx, CACHE_TAGS.people);
  // No acting user: the row says how the account came to be (the command line, or the setup page).
  await writeAudit(tx, { userId: null, action: "CREATE", entity: "User", entityId: user.id, after: { email: user.email, name: user.name, role: user.role, teamId: user.teamId, ...detail }, ip });
  return user;
}

/**
 * Creates an account from the operator's command line (`npm run user:create`), for a server started
 * without demo data or any other time an operator with database access adds someone. No acting user
 * exists to check: access to the database is the authority. Audited with how it was made.
 */
export async function createAccountFromCli(input: unknown, role: Role, teamName: string | null): Promise<CreatedAccount> {
  const parsed = newAccountSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RuleError(issue.message, issue.path.join(".") || undefined);
  }
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    await setupLock(tx);
    let teamId: number | null = null;
    if (teamName !== null) {
      const team = await tx.team.findFirst({ where: { name: teamName }, select: { id: true } });
      if (!team) throw new RuleError("setup.errors.noSuchTeam", "team");
      teamId = team.id;
    }
    return insertAccount(tx, parsed.data, role, teamId, { via: "cli" }, null);
  });
}

/** /setup exists only while no user does. */
export async function setupIsOpen(): Promise<boolean> {
  const prisma = await db();
  return (await prisma.user.count({ take: 1 })) === 0;
}

async function logSetupDenial(reason: string, ip: string | null): Promise<void> {
  const prisma = await db();
  await writeAudit(prisma, { userId: null, action: "DENIED", entity: "Setup", detail: { action: "setup.firstAdmin", reason }, ip });
}

/** Whether `token` opens /setup now; a wrong token while setup is open is logged. */
export async function checkSetupToken(token: string, ip: string | null): Promise<boolean> {
  const prisma = await db();
  if (!(await setupIsOpen())) return false;
  const stored = await prisma.setting.findUnique({ where: { key: SETUP_TOKENS_KEY }, select: { value: true } });
  if (matchesSetupToken(token, stored?.value)) return true;
  await logSetupDenial("token", ip);
  return false;
}

export type FirstAdminResult = { ok: true; user: CreatedAccount } | { ok: false; reason: "closed" | "token" };

/**
 * Creates the first ADMIN with the password its person chose, once: under the setup lock it checks
 * that still no user exists and that the token is one the server printed, then creates the account
 * and drops every token in the same transaction. A second submission, concurrent or later, finds a
 * user and is refused.
 */
export async function createFirstAdmin(input: FirstAdminInput, ip: string | null): Promise<FirstAdminResult> {
  const prisma = await db();
  const outcome = await prisma.$transaction(async (tx): Promise<FirstAdminResult> => {
    await setupLock(tx);
    if ((await tx.user.count({ take: 1 })) > 0) return { ok: false, reason: "closed" };
    const stored = await tx.setting.findUnique({ where: { key: SETUP_TOKENS_KEY }, select: { value: true } });
    if (!matchesSetupToken(input.token, stored?.value)) return { ok: false, reason: "token" };
    const user = await insertAccount(tx, input, "ADMIN", null, { via: "setup" }, ip);
    return { ok: true, user };
  });
  if (!outcome.ok) await logSetupDenial(outcome.reason, ip);
  return outcome;
}
