// An admin sets a new password for a user (who forgot theirs). Clears the failed-login
// throttle so the user can sign in at once. The password itself is never logged.
import "server-only";
import { audit } from "@/app/_lib/audit";
import { hashPassword } from "@/app/_lib/auth/passwords";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";

export async function resetPassword(opts: { actorId: string; userId: string; password: string }): Promise<void> {
  const passwordHash = await hashPassword(opts.password);
  await db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: opts.userId },
      data: { passwordHash, failedLogins: 0, lastFailedAt: null },
    });
    if (count === 0) throw new AppError("NOT_FOUND", `user ${opts.userId} not found`);
    await audit(tx, { actorId: opts.actorId, action: "user.reset_password", entityType: "User", entityId: opts.userId });
  });
}
