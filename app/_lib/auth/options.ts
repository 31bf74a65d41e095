// next-auth configuration: e-mail + password (credentials) and, when configured, hospital SSO
// (OpenID Connect). Sessions are JWTs carrying the user id and the user's session version;
// roles, the active flag and the version are re-read on every request (caller.ts), so an
// admin's change or a "sign out everywhere" takes effect at once.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv, oidcEnabled } from "../env";
import { AppError } from "../errors";
import { clientAddress } from "./client-address";
import { verifyLogin } from "./login";
import { oidcProvider, ssoClaimsOf } from "./oidc";
import { safeCallbackPath } from "./safe-callback";
import { SIGN_IN_ERROR } from "./sign-in-errors";
import { ssoSignIn, userOfIdentity } from "./sso-sign-in";

function providers(): NextAuthOptions["providers"] {
  const list: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) throw new Error(SIGN_IN_ERROR.wrongCredentials);
        try {
          const address = clientAddress(req?.headers?.["x-forwarded-for"] as string | undefined);
          const user = await verifyLogin({ email: credentials.email, password: credentials.password, address });
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
        } catch (err) {
          // next-auth hands the message to the login page as `?error=` (sign-in-errors.ts)
          if (err instanceof AppError) throw new Error(err.message);
          throw err;
        }
      },
    }),
  ];
  if (oidcEnabled()) list.push(oidcProvider());
  return list;
}

export function authOptions(): NextAuthOptions {
  return {
    secret: getEnv().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    // refusals and next-auth's own errors land on MedRank's login page, in the user's language
    pages: { signIn: "/login", error: "/login" },
    providers: providers(),
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        const outcome = await ssoSignIn(ssoClaimsOf(user));
        return outcome.ok ? true : `/login?error=sso_${outcome.reason}`;
      },
      async jwt({ token, user, account }) {
        if (user && account?.provider === "oidc") {
          const claims = ssoClaimsOf(user);
          const known = await userOfIdentity(claims.issuer, claims.subject);
          token.uid = known?.id;
          token.sv = known?.sessionVersion;
        } else if (user) {
          token.uid = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid as string | undefined, sv: token.sv as number | undefined };
      },
      // after sign-in and sign-out: same-origin paths only (no open redirect)
      async redirect({ url, baseUrl }) {
        return new URL(safeCallbackPath(url, baseUrl), baseUrl).toString();
      },
    },
  };
}
