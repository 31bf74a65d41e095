// Checks an e-mail + password sign-in: bcrypt's length limit, the throttle (login-throttle.ts),
// then the password. Every outcome is audited (never the password). Unknown, deactivated and
// SSO-only accounts get the same answer as a wrong password, after the same work.
import "server-only";
import { audit } from "../audit";
import { db } from "../db";
import { AppError } from "../errors";
import { ACCOUNT_RULE, accountKey, ADDRESS_RULE, addressKey, claimAttempt, recordSuccess } from "./login-throttle";
import { burnPasswordCheck, MAX_PASSWORD_BYTES, passwordBytes, verifyPassword } from "./passwords";
import { SIGN_IN_ERROR } from "./sign-in-errors";

export type SignedInUser = { id: string; email: string; name: string; sessionVersion: number };

type Failure = "password_too_long" | "throttled" | "unknown_email" | "deactivated" | "no_password" | "wrong_password";

// PostgreSQL text cannot hold NUL or lone surrogates: keep what is logged and used as a key storable.
const storable = (s: string, max: number) => s.replace(/\u0000/g, "").toWellFormed().slice(0, max);

export async function verifyLogin(opts: { email: string; password: string; address?: string | null; now?: Date }): Promise<SignedInUser> {
  const now = opts.now ?? new Date();
  const email = storable(opts.email.trim().toLowerCase(), 200);
  const address = opts.address ? storable(opts.address, 100) : null;
  const fail = async (reason: Failure, userId: string | null, error: AppError): Promise<never> => {
    await audit(db, {
      actorId: userId,
      action: "auth.sign_in_failed",
      entityType: "SignIn",
      entityId: email,
      data: { method: "password", reason, address },
    });
    throw error;
  };
  const wrong = new AppError("UNAUTHORIZED", SIGN_IN_ERROR.wrongCredentials);

  if (passwordBytes(opts.password) > MAX_PASSWORD_BYTES) {
    return fail("password_too_long", null, new AppError("VALIDATION", SIGN_IN_ERROR.passwordTooLong));
  }
  // the address first: a client hammering one account also uses up its own allowance
  for (const [key, rule] of [
    ...(address ? ([[addressKey(address), ADDRESS_RULE]] as const) : []),
    [accountKey(email), ACCOUNT_RULE] as const,
  ]) {
    const claim = await claimAttempt(key, rule, now);
    if (!claim.ok) {
      const seconds = Math.ceil(claim.retryAfterMs / 1000);
      return fail("throttled", null, new AppError("RATE_LIMITED", `${SIGN_IN_ERROR.throttled}:${seconds}`, { retryAfterSeconds: seconds }));
    }
  }

  const user = await db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
  if (!user || !user.active || !user.passwordHash) {
    await burnPasswordCheck(opts.password);
    return fail(!user ? "unknown_email" : !user.active ? "deactivated" : "no_password", user?.id ?? null, wrong);
  }
  if (!(await verifyPassword(opts.password, user.passwordHash))) return fail("wrong_password", user.id, wrong);

  await recordSuccess({ account: accountKey(email), address: address ? addressKey(address) : null });
  await audit(db, { actorId: user.id, action: "auth.sign_in", entityType: "User", entityId: user.id, data: { method: "password", address } });
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
