// next-auth configuration: e-mail + password (credentials) and, when configured, hospital SSO (OIDC).
// Sessions are JWTs that carry only the user id; roles and the active flag are re-read on every
// request (app/_lib/auth/caller.ts), so changes by an admin take effect at once.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "../db";
import { getEnv, oidcEnabled } from "../env";
import { AppError } from "../errors";
import { verifyLogin } from "./login";

function providers(): NextAuthOptions["providers"] {
  const list: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        if (!credentials?.email || !credentials.password) throw new Error("Enter an e-mail and a password");
        try {
          return await verifyLogin({ email: credentials.email, password: credentials.password });
        } catch (err) {
          // next-auth passes the message to the sign-in form
          if (err instanceof AppError) throw new Error(err.message);
          throw err;
        }
      },
    }),
  ];
  if (oidcEnabled()) {
    const env = getEnv();
    list.push({
      id: "oidc",
      name: env.OIDC_NAME,
      type: "oauth",
      wellKnown: `${env.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email ?? "", name: profile.name ?? profile.email ?? profile.sub };
      },
    });
  }
  return list;
}

export function authOptions(): NextAuthOptions {
  return {
    secret: getEnv().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: providers(),
    callbacks: {
      // SSO signs in only people an admin has created (matched by e-mail) and who are active.
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        const email = user.email?.toLowerCase();
        if (!email) return false;
        const known = await db.user.findUnique({ where: { email } });
        return Boolean(known?.active);
      },
      async jwt({ token, user, account }) {
        if (user && account?.provider === "oidc") {
          const known = await db.user.findUnique({ where: { email: user.email!.toLowerCase() } });
          token.uid = known?.id;
        } else if (user) {
          token.uid = user.id;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid as string | undefined };
      },
    },
  };
}
