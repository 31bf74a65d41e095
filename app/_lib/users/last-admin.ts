// The rule that keeps MedRank administrable: at least one active user holds ADMIN.
import type { Role } from "@/app/_generated/prisma/enums";
import { AppError } from "@/app/_lib/errors";

export type AdminChange = {
  /** ids of the users who are active admins right now */
  activeAdminIds: readonly string[];
  userId: string;
  /** the user's roles and active flag after the change */
  nextRoles: readonly Role[];
  nextActive: boolean;
};

/** Throws CONFLICT when the change would leave no active admin. */
export function assertAdminRemains(change: AdminChange): void {
  const staysAdmin = change.nextActive && change.nextRoles.includes("ADMIN");
  if (staysAdmin || !change.activeAdminIds.includes(change.userId)) return;
  const others = change.activeAdminIds.filter((id) => id !== change.userId);
  if (others.length === 0) {
    throw new AppError(
      "CONFLICT",
      change.nextActive
        ? "cannot remove the ADMIN role from the last active admin: make another user admin first"
        : "cannot deactivate the last active admin: make another user admin first",
      { field: change.nextActive ? "roles" : "active" },
    );
  }
}
