import type { Actor } from "@/lib/platform/auth/permissions";
import { hashPassword } from "@/lib/platform/auth/password";
import type { Database } from "@/lib/platform/db/client";
import type { Role } from "@/lib/generated/prisma/enums";

export type People = {
  admin: Actor;
  managerEast: Actor;
  repEast: Actor;
  repEast2: Actor;
  repWest: Actor;
  agent: Actor;
};

let passwordHash: Promise<string> | undefined;
export const TEST_PASSWORD = "correct horse battery";

/** Two sales teams and a service team with one user of each kind, as the DAL sees them (Actors). */
export async function createPeople(db: Database): Promise<People> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const east = await db.prisma.team.create({ data: { name: "East" } });
  const west = await db.prisma.team.create({ data: { name: "West" } });
  const service = await db.prisma.team.create({ data: { name: "Service" } });
  const make = async (email: string, role: Role, teamId: number | null): Promise<Actor> => {
    const u = await db.prisma.user.create({ data: { email, name: email.split("@")[0], role, teamId, passwordHash: hash } });
    return { id: u.id, role: u.role, teamId: u.teamId };
  };
  return {
    admin: await make("admin@test.local", "ADMIN", null),
    managerEast: await make("manager.east@test.local", "MANAGER", east.id),
    repEast: await make("rep.east@test.local", "REP", east.id),
    repEast2: await make("rep.east2@test.local", "REP", east.id),
    repWest: await make("rep.west@test.local", "REP", west.id),
    agent: await make("agent@test.local", "AGENT", service.id),
  };
}
