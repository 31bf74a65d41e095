// Checks an e-mail + password sign-in, with the failed-login throttle.
import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { loginWaitMs } from "./login-throttle";
import { burnPasswordCheck, verifyPassword } from "./passwords";

export async function verifyLogin(opts: { email: string; password: string; now?: Date }) {
  const now = opts.now ?? new Date();
  const email = opts.email.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
  if (!user || !user.active || !user.passwordHash) {
    await burnPasswordCheck(opts.password);
    throw new AppError("UNAUTHORIZED", "Wrong e-mail or password");
  }
  const waitMs = loginWaitMs(user.failedLogins, user.lastFailedAt, now);
  if (waitMs > 0) {
    throw new AppError("RATE_LIMITED", `Too many failed sign-ins: try again in ${Math.ceil(waitMs / 1000)} s`, {
      retryAfterSeconds: Math.ceil(waitMs / 1000),
    });
  }
  if (!(await verifyPassword(opts.password, user.passwordHash))) {
    await db.user.update({ where: { id: user.id }, data: { failedLogins: { increment: 1 }, lastFailedAt: now } });
    throw new AppError("UNAUTHORIZED", "Wrong e-mail or password");
  }
  if (user.failedLogins > 0) {
    await db.user.update({ where: { id: user.id }, data: { failedLogins: 0, lastFailedAt: null } });
  }
  return { id: user.id, email: user.email, name: user.name };
}
