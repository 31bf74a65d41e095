// A user changes their own password, knowing the current one. Every session of the user
// ends (session version bump): the form signs the browser in again with the new password.
// Clears the one-time-password mark set by the first-start seed.
import "server-only";
import { audit } from "@/app/_lib/audit";
import { hashPassword, verifyPassword } from "@/app/_lib/auth/passwords";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";

export async function changePassword(opts: { userId: string; currentPassword: string; newPassword: string }): Promise<{ sessionVersion: number }> {
  const user = await db.user.findUnique({ where: { id: opts.userId }, omit: { passwordHash: false } });
  if (!user?.passwordHash) throw new AppError("NOT_FOUND", "this account has no password (it signs in with single sign-on)");
  if (!(await verifyPassword(opts.currentPassword, user.passwordHash))) {
    throw new AppError("VALIDATION", "currentPassword: the current password is wrong", {
      issues: [{ path: "currentPassword", message: "the current password is wrong" }],
    });
  }
  const passwordHash = await hashPassword(opts.newPassword);
  return db.$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await audit(tx, {
      actorId: user.id,
      action: "user.change_password",
      entityType: "User",
      entityId: user.id,
      data: { oneTimePassword: user.mustChangePassword },
    });
    return updated;
  });
}
