import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "@/lib/platform/auth/accounts";
import type { Role } from "@/lib/platform/enums";
import { signInSchema } from "@/lib/platform/auth/schema";
import { nowMs } from "@/lib/platform/clock";
import { clientAddressOf } from "./client-address";
import { authSecret } from "./secret";

// Without NEXTAUTH_URL, next-auth v4 would assume http://localhost:3000 for its own URLs; a
// self-hosted server on another port or behind a proxy then breaks. Trust the request's host unless
// the deployment pinned the URL.
if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse(credentials ?? {});
        // next-auth hands the thrown message to the sign-in form, which translates the code.
        if (!parsed.success) throw new Error("INVALID_INPUT");
        const result = await authenticate(parsed.data.email, parsed.data.password, clientAddressOf(req?.headers));
        if (!result.ok) throw new Error(result.code);
        const { user } = result;
        return { id: String(user.id), email: user.email, name: user.name, role: user.role, teamId: user.teamId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.role = user.role;
        token.teamId = user.teamId;
        // When this sign-in happened; kept as the token is refreshed (unlike `iat`, which next-auth
        // renews on every refresh), so a password change or reset can end older sessions.
        token.authAt = nowMs();
      }
      return token;
    },
    session({ session, token }) {
      session.user = { ...session.user, id: token.uid, role: token.role as Role, teamId: token.teamId ?? null, authAt: typeof token.authAt === "number" ? token.authAt : 0 };
      return session;
    },
  },
};
