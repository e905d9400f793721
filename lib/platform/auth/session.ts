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
const testSessions = new AsyncLocalStorage<{ userId: number | null }>();

export function runAsTestSession<T>(userId: number | null, fn: () => Promise<T>): Promise<T> {
  if (process.env.VITEST !== "true" || process.env.NODE_ENV !== "test") {
    throw new Error("runAsTestSession is only for tests run by Vitest");
  }
  return testSessions.run({ userId }, fn);
}

/**
 * The signed-in user as the database knows them now (once per request): a deactivated account is
 * signed out on its next request and a role change applies at once, whatever the JWT still says.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const seam = testSessions.getStore();
  const id = seam ? seam.userId : (await getServerSession(authOptions))?.user?.id;
  if (typeof id !== "number") return null;
  const user = await loadSessionUser(id);
  if (!user) return null;
  return { id: user.id, role: user.role, teamId: user.teamId, name: user.name, email: user.email, teamName: user.team?.name ?? null, locale: user.locale };
});

/** For pages and server actions: the acting user, or a redirect to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}
