// The per-user session version. Every session cookie carries the version it was issued
// under (options.ts); callerFromSession (caller.ts) refuses a cookie whose version is no longer
// the user's. Bumping it therefore ends every existing session of that user at its next
// request: a password reset or change, "sign out everywhere", a role change, a deactivation.
import "server-only";
import { audit } from "../audit";
import type { Db, Tx } from "../db";
import { db } from "../db";

export async function bumpSessionVersion(client: Db | Tx, userId: string): Promise<void> {
  await client.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/** Ends every session of the caller, in every browser (this one too). */
export async function signOutEverywhere(opts: { userId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    await bumpSessionVersion(tx, opts.userId);
    await audit(tx, { actorId: opts.userId, action: "auth.sign_out_everywhere", entityType: "User", entityId: opts.userId });
  });
}
