// Who a single sign-on (OpenID Connect) sign-in is. The rule:
//   1. An identity already bound (issuer + subject, UserIdentity) signs in as its user, if active.
//   2. Otherwise the provider must vouch for the e-mail (email_verified = true); the e-mail must
//      belong to an account an admin created, active, and not yet bound to another subject of
//      this issuer. The identity is then bound, and later sign-ins match on it, not the e-mail.
// Nobody is ever created here. Every sign-in and every refusal is audited with its reason.
import "server-only";
import { Prisma } from "@/app/_generated/prisma/client";
import { audit } from "../audit";
import { db } from "../db";

export type SsoClaims = { issuer: string; subject: string; email: string | null; emailVerified: boolean };

export type SsoRefusal = "no_email" | "unverified_email" | "no_account" | "deactivated" | "other_identity";
export type SsoOutcome = { ok: true; userId: string; sessionVersion: number } | { ok: false; reason: SsoRefusal };

export async function ssoSignIn(claims: SsoClaims): Promise<SsoOutcome> {
  const email = claims.email?.trim().toLowerCase() || null;
  const refuse = async (reason: SsoRefusal, userId: string | null): Promise<SsoOutcome> => {
    await audit(db, {
      actorId: userId,
      action: "auth.sign_in_failed",
      entityType: "SignIn",
      entityId: email ?? claims.subject,
      data: { method: "sso", reason, issuer: claims.issuer, subject: claims.subject, email, emailVerified: claims.emailVerified },
    });
    return { ok: false, reason };
  };
  const succeed = async (user: { id: string; sessionVersion: number }, bound: boolean): Promise<SsoOutcome> => {
    await audit(db, {
      actorId: user.id,
      action: "auth.sign_in",
      entityType: "User",
      entityId: user.id,
      data: { method: "sso", issuer: claims.issuer, subject: claims.subject, email, boundNow: bound },
    });
    return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
  };

  const identity = await db.userIdentity.findUnique({
    where: { issuer_subject: { issuer: claims.issuer, subject: claims.subject } },
    include: { user: true },
  });
  if (identity) {
    if (!identity.user.active) return refuse("deactivated", identity.userId);
    await db.userIdentity.update({ where: { id: identity.id }, data: { lastSignInAt: new Date() } });
    return succeed(identity.user, false);
  }

  if (!email) return refuse("no_email", null);
  if (!claims.emailVerified) return refuse("unverified_email", null);
  const user = await db.user.findUnique({ where: { email }, include: { identities: { where: { issuer: claims.issuer } } } });
  if (!user) return refuse("no_account", null);
  if (!user.active) return refuse("deactivated", user.id);
  if (user.identities.length > 0) return refuse("other_identity", user.id);
  try {
    await db.userIdentity.create({ data: { userId: user.id, issuer: claims.issuer, subject: claims.subject, email } });
  } catch (err) {
    // two first sign-ins at the same moment: the other one bound it; decide again on what is stored
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") return ssoSignIn(claims);
    throw err;
  }
  return succeed(user, true);
}

/** The user a bound identity belongs to (for the session cookie, right after ssoSignIn said yes). */
export async function userOfIdentity(issuer: string, subject: string) {
  const identity = await db.userIdentity.findUnique({
    where: { issuer_subject: { issuer, subject } },
    select: { user: { select: { id: true, active: true, sessionVersion: true } } },
  });
  return identity?.user.active ? identity.user : null;
}
