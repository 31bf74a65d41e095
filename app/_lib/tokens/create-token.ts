// Creates a personal API token for the caller. The secret is returned here and never again.
import "server-only";
import { audit } from "@/app/_lib/audit";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import { newTokenSecret } from "./token-secret";
import { tokenViewSelect, type TokenView } from "./token-view";

/** Active tokens per user: enough for every script, few enough to review and revoke. */
export const MAX_ACTIVE_TOKENS = 20;

export async function createToken(opts: { userId: string; name: string }): Promise<TokenView & { secret: string }> {
  const { secret, tokenHash, prefix } = newTokenSecret();
  return db.$transaction(async (tx) => {
    // serialise concurrent creations by the same user so the limit holds
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${opts.userId} FOR UPDATE`;
    const active = await tx.apiToken.count({ where: { userId: opts.userId, revokedAt: null } });
    if (active >= MAX_ACTIVE_TOKENS) {
      throw new AppError("CONFLICT", `you already have ${active} active tokens: revoke one first`);
    }
    const token = await tx.apiToken.create({
      data: { userId: opts.userId, name: opts.name, prefix, tokenHash },
      select: tokenViewSelect,
    });
    await audit(tx, {
      actorId: opts.userId,
      action: "token.create",
      entityType: "ApiToken",
      entityId: token.id,
      data: { name: token.name, prefix },
    });
    return { ...token, secret };
  });
}
