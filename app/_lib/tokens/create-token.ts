// Creates a personal API token. The secret is returned here and never again.
// Tokens are minted only from a browser session, never with another token: a leaked token
// cannot breed tokens that outlive its revocation. An admin may mint a token for another
// user (for a script that acts as that user), which is audited as the admin's act.
import "server-only";
import { audit } from "@/app/_lib/audit";
import type { Caller } from "@/app/_lib/auth/caller";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import { newTokenSecret } from "./token-secret";
import { tokenViewSelect, type TokenView } from "./token-view";

/** Active tokens per user: enough for every script, few enough to review and revoke. */
export const MAX_ACTIVE_TOKENS = 20;

export async function createToken(opts: {
  caller: Pick<Caller, "id" | "via" | "roles">;
  name: string;
  /** another user's id: an admin minting for them; default the caller */
  userId?: string;
}): Promise<TokenView & { secret: string }> {
  const { caller } = opts;
  if (caller.via !== "session") {
    throw new AppError("FORBIDDEN", "API tokens can only be created from a signed-in browser session, not with a token");
  }
  const userId = opts.userId ?? caller.id;
  const forOther = userId !== caller.id;
  if (forOther && !caller.roles.includes("ADMIN")) throw new AppError("FORBIDDEN", "only an admin can create a token for another user");
  const { secret, tokenHash, prefix } = newTokenSecret();
  return db.$transaction(async (tx) => {
    // serialise concurrent creations for the same user so the limit holds
    const owner = await tx.$queryRaw<{ active: boolean; mustChangePassword: boolean }[]>`
      SELECT active, "mustChangePassword" FROM "User" WHERE id = ${userId} FOR UPDATE`;
    if (owner.length === 0) throw new AppError("NOT_FOUND", `user ${userId} not found`);
    if (!owner[0].active) throw new AppError("CONFLICT", "this user is deactivated: reactivate them before creating a token");
    const active = await tx.apiToken.count({ where: { userId, revokedAt: null } });
    if (active >= MAX_ACTIVE_TOKENS) {
      throw new AppError("CONFLICT", `${forOther ? "this user already has" : "you already have"} ${active} active tokens: revoke one first`);
    }
    const token = await tx.apiToken.create({ data: { userId, name: opts.name, prefix, tokenHash }, select: tokenViewSelect });
    await audit(tx, {
      actorId: caller.id,
      action: forOther ? "token.create_for_user" : "token.create",
      entityType: "ApiToken",
      entityId: token.id,
      data: { name: token.name, prefix, ...(forOther ? { userId } : {}) },
    });
    return { ...token, secret };
  });
}
