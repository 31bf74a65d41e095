// The hospital's OpenID Connect provider as a next-auth provider (enabled when OIDC_ISSUER,
// OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set). The ID token is validated (signature, issuer,
// audience, nonce/PKCE) by openid-client. Many providers keep `email` and `email_verified` out
// of the ID token and serve them only from the userinfo endpoint: when the ID token lacks them,
// they are read from there (its `sub` must match the ID token's).
import "server-only";
import type { Provider } from "next-auth/providers/index";
import type { User } from "next-auth";
import { getEnv } from "../env";
import type { SsoClaims } from "./sso-sign-in";

type Claims = { iss?: string; sub?: string; email?: string; email_verified?: boolean | string; name?: string; preferred_username?: string };

/** The fields MedRank's profile() adds to next-auth's user object for the sign-in callbacks. */
type OidcUser = User & { oidcIssuer?: string; oidcEmailVerified?: boolean };

const verified = (v: Claims["email_verified"]) => v === true || v === "true";

export function oidcProvider(): Provider {
  const env = getEnv();
  return {
    id: "oidc",
    name: env.OIDC_NAME,
    type: "oauth",
    wellKnown: `${env.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    userinfo: {
      async request({ tokens, client }) {
        // next-auth passes openid-client's TokenSet (its type says only "parameters")
        const tokenSet = tokens as unknown as { claims(): Claims; access_token?: string };
        const idClaims = tokenSet.claims();
        if (idClaims.email && idClaims.email_verified !== undefined) return idClaims;
        const info = (await client.userinfo(tokenSet.access_token!)) as Claims;
        if (info.sub !== idClaims.sub) {
          console.error("[medrank] SSO: userinfo answered for another subject than the ID token; ignored");
          return idClaims;
        }
        // what the ID token says wins (its issuer and subject above all); userinfo fills the gaps
        const present = Object.fromEntries(Object.entries(idClaims).filter(([, v]) => v !== undefined && v !== null));
        return { ...info, ...present };
      },
    },
    profile(claims: Claims) {
      const email = claims.email?.toLowerCase() ?? null;
      if (!email) console.warn(`[medrank] SSO: neither the ID token nor userinfo of ${claims.iss} gave an e-mail for subject ${claims.sub}`);
      const user: OidcUser = {
        id: claims.sub!,
        email,
        name: claims.name ?? claims.preferred_username ?? email ?? claims.sub!,
        oidcIssuer: claims.iss,
        oidcEmailVerified: verified(claims.email_verified),
      };
      return user;
    },
  } as Provider;
}

/** What the sign-in rule (sso-sign-in.ts) needs from the user object profile() made. */
export function ssoClaimsOf(user: User): SsoClaims {
  const u = user as OidcUser;
  return {
    issuer: u.oidcIssuer ?? getEnv().OIDC_ISSUER!,
    subject: u.id,
    email: u.email ?? null,
    emailVerified: u.oidcEmailVerified === true,
  };
}
