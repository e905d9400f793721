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

/**
 * Checks an email + password. Failed attempts are counted in the database per account and per client
 * address, so the limit holds across app servers. Unknown emails cost a hash verification too, so
 * timing does not tell which accounts exist.
 */
export async function authenticate(email: string, password: string, ip: string): Promise<AuthResult> {
  const prisma = await db();
  const since = new Date(nowMs() - RATE_LIMIT.windowMs);
  const [byAccount, byAddress] = await Promise.all([
    prisma.loginAttempt.count({ where: { email, at: { gte: since } } }),
    prisma.loginAttempt.count({ where: { ip, at: { gte: since } } }),
  ]);
  if (byAccount >= RATE_LIMIT.perAccount || byAddress >= RATE_LIMIT.perAddress) {
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
    await prisma.loginAttempt.create({ data: { email, ip } });
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
