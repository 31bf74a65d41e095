// Renames a user, sets their roles, deactivates or reactivates them — never leaving
// MedRank without an active admin. Role and active changes take effect on the user's next
// request (getCaller re-reads the user row) and end their existing sessions.
import "server-only";
import type { Role } from "@/app/_generated/prisma/enums";
import { audit } from "@/app/_lib/audit";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import { assertAdminRemains } from "./last-admin";
import { lockActiveAdminIds } from "./lock-active-admins";
import type { UpdateUserData } from "./update-user.schema";
import { userViewSelect, type UserView } from "./user-view";

const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((r) => b.includes(r));

export async function updateUser(opts: { actorId: string; userId: string; data: UpdateUserData }): Promise<UserView> {
  return db.$transaction(async (tx) => {
    const activeAdminIds = await lockActiveAdminIds(tx);
    const current = await tx.user.findUnique({ where: { id: opts.userId }, select: userViewSelect });
    if (!current) throw new AppError("NOT_FOUND", `user ${opts.userId} not found`);

    const nextRoles = opts.data.roles ?? current.roles;
    const nextActive = opts.data.active ?? current.active;
    assertAdminRemains({ activeAdminIds, userId: current.id, nextRoles, nextActive });
    // locking oneself out is never what an admin meant; another admin can do it if it is
    if (opts.actorId === current.id && current.active && !nextActive) {
      throw new AppError("FORBIDDEN", "You cannot deactivate yourself; ask another admin", { reason: "self-deactivation" });
    }

    // a role change or a deactivation ends the user's sessions (session-version.ts): the next
    // request of any of their browsers signs in afresh under the new roles, or not at all
    const endsSessions = !sameRoles(current.roles, nextRoles) || (current.active && !nextActive);
    const user = await tx.user.update({
      where: { id: current.id },
      data: {
        name: opts.data.name,
        roles: opts.data.roles,
        active: opts.data.active,
        sessionVersion: endsSessions ? { increment: 1 } : undefined,
      },
      select: userViewSelect,
    });

    const entry = { actorId: opts.actorId, entityType: "User", entityId: user.id };
    if (opts.data.name !== undefined && opts.data.name !== current.name) {
      await audit(tx, { ...entry, action: "user.rename", data: { from: current.name, to: user.name } });
    }
    if (!sameRoles(current.roles, user.roles)) {
      await audit(tx, { ...entry, action: "user.set_roles", data: { from: current.roles, to: user.roles } });
    }
    if (current.active !== user.active) {
      await audit(tx, { ...entry, action: user.active ? "user.reactivate" : "user.deactivate" });
    }
    return user;
  });
}
