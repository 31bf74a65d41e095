// An admin sets a new password for a user (who forgot theirs, or whose account may be in
// someone else's hands). It ends every session of the user (session version), revokes all of
// their API tokens, and clears the sign-in throttle of the account so the user can sign in at
// once. The password itself is never logged.
import "server-only";
import { audit } from "@/app/_lib/audit";
import { accountKey } from "@/app/_lib/auth/login-throttle";
import { hashPassword } from "@/app/_lib/auth/passwords";
import { bumpSessionVersion } from "@/app/_lib/auth/session-version";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";

export async function resetPassword(opts: { actorId: string; userId: string; password: string; now?: Date }): Promise<void> {
  const passwordHash = await hashPassword(opts.password);
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: opts.userId }, select: { id: true, email: true } });
    if (!user) throw new AppError("NOT_FOUND", `user ${opts.userId} not found`);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
    await bumpSessionVersion(tx, user.id);
    const { count: revokedTokens } = await tx.apiToken.updateMany({
      where: { userId: user.id, revokedAt: null },
      data: { revokedAt: opts.now ?? new Date() },
    });
    await tx.loginThrottle.deleteMany({ where: { key: accountKey(user.email) } });
    await audit(tx, { actorId: opts.actorId, action: "user.reset_password", entityType: "User", entityId: user.id, data: { revokedTokens } });
  });
}
