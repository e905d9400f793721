import "server-only";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/generated/prisma/enums";
import { now as clockNow, nowMs } from "@/lib/platform/clock";
import { writeAudit } from "./audit";
import { db } from "./db";

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

/** The live state of a session's user: deactivation and role changes apply on the next request. */
export async function loadSessionUser(userId: number) {
  const prisma = await db();
  return prisma.user.findFirst({
    where: { id: userId, active: true },
    select: { id: true, email: true, name: true, role: true, teamId: true, locale: true, team: { select: { name: true } } },
  });
}
