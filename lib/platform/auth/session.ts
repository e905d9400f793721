import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { loadSessionUser } from "@/lib/platform/auth/accounts";
import type { Role } from "@/lib/platform/enums";
import { authOptions } from "./options";
import type { Actor } from "./permissions";

export type SessionUser = Actor & { name: string; email: string; role: Role; teamName: string | null; locale: string | null };

/**
 * Test-only seam. Integration tests call the real server actions, which read the session from the
 * request's cookies through next-auth; a test has no request. `runAsTestSession` makes the code it
 * runs see a session for one user id (or none), for that async context only. From there the user is
 * loaded exactly as for a real session (active flag, role and team from the database).
 * Production never enters it: it refuses to run unless Vitest runs the process (VITEST=true with
 * NODE_ENV=test), and outside it `getCurrentUser` reads next-auth as always.
 */
const testSessions = new AsyncLocalStorage<{ userId: number | null; signedInAt: number | null }>();

/**
 * `options.signedInAt`: when the simulated session signed in (ms), for tests of the rule that a
 * password change ends older sessions; without it the session counts as fresh.
 */
export function runAsTestSession<T>(userId: number | null, fn: () => Promise<T>, options: { signedInAt?: number } = {}): Promise<T> {
  if (process.env.VITEST !== "true" || process.env.NODE_ENV !== "test") {
    throw new Error("runAsTestSession is only for tests run by Vitest");
  }
  return testSessions.run({ userId, signedInAt: options.signedInAt ?? null }, fn);
}

/** Where a user whose password an admin reset is sent until they choose a new one. */
export const CHANGE_PASSWORD_PATH = "/change-password";

type LoadedUser = NonNullable<Awaited<ReturnType<typeof loadSessionUser>>>;

/**
 * The session's user as the database knows them now, whatever their password state (once per
 * request): null without a session, for a deactivated account, or for a session that signed in
 * before the account's last password change or reset.
 */
const loadSession = cache(async (): Promise<LoadedUser | null> => {
  const seam = testSessions.getStore();
  if (seam) return seam.userId === null ? null : loadSessionUser(seam.userId, seam.signedInAt);
  const claims = (await getServerSession(authOptions))?.user;
  if (typeof claims?.id !== "number") return null;
  // A token without a sign-in time predates the claim: it counts as signed in at the epoch.
  return loadSessionUser(claims.id, typeof claims.authAt === "number" ? claims.authAt : 0);
});

function toSessionUser(user: LoadedUser): SessionUser {
  return { id: user.id, role: user.role, teamId: user.teamId, name: user.name, email: user.email, teamName: user.team?.name ?? null, locale: user.locale };
}

/**
 * The signed-in user as the database knows them now (once per request): a deactivated account is
 * signed out on its next request and a role change applies at once, whatever the JWT still says. A
 * user who must change their password (after an admin's reset) is nobody here: every page, action
 * and route refuses them until it is changed (see getPasswordChangeUser).
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const user = await loadSession();
  if (!user || user.mustChangePassword) return null;
  return toSessionUser(user);
});

/**
 * The session's user for the password pages only: also a user who must change their password first
 * (`mustChangePassword`), whom getCurrentUser refuses.
 */
export const getPasswordChangeUser = cache(async (): Promise<(SessionUser & { mustChangePassword: boolean }) | null> => {
  const user = await loadSession();
  return user ? { ...toSessionUser(user), mustChangePassword: user.mustChangePassword } : null;
});

/** For pages and server actions: the acting user, or a redirect to sign-in (or to the forced password change). */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (user) return user;
  if ((await loadSession())?.mustChangePassword) redirect(CHANGE_PASSWORD_PATH);
  redirect("/login");
}
