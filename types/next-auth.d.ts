import type { Role } from "@/lib/platform/enums";
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    role: Role;
    teamId: number | null;
  }
  interface Session {
    /** `authAt`: when the session signed in (ms); 0 for tokens issued before it was recorded. */
    user: { id: number; role: Role; teamId: number | null; authAt: number; name?: string | null; email?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: number;
    role: Role;
    teamId: number | null;
    /** When the sign-in happened (ms since the epoch); absent in tokens issued before it was recorded. */
    authAt?: number;
  }
}
