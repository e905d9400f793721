import "server-only";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { loadSessionUser } from "@/lib/dal/auth";
import type { Role } from "@/lib/generated/prisma/enums";
import { authOptions } from "./options";
import type { Actor } from "./permissions";

export type SessionUser = Actor & { name: string; email: string; role: Role; teamName: string | null; locale: string | null };

/**
 * The signed-in user as the database knows them now (once per request): a deactivated account is
 * signed out on its next request and a role change applies at once, whatever the JWT still says.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
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
