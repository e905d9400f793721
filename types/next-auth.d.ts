import type { Role } from "@/lib/platform/enums";
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    role: Role;
    teamId: number | null;
  }
  interface Session {
    user: { id: number; role: Role; teamId: number | null; name?: string | null; email?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: number;
    role: Role;
    teamId: number | null;
  }
}
