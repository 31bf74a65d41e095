// Revokes one of the caller's tokens. Scoped by userId in the query: another user's token
// id answers 404, exactly like an unknown id, so ids cannot be probed.
import "server-only";
import { audit } from "@/app/_lib/audit";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import { tokenViewSelect, type TokenView } from "./token-view";

export async function revokeToken(opts: { userId: string; tokenId: string; now?: Date }): Promise<TokenView> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id: opts.tokenId, userId: opts.userId, revokedAt: null },
      data: { revokedAt: opts.now ?? new Date() },
    });
    const token = await tx.apiToken.findFirst({ where: { id: opts.tokenId, userId: opts.userId }, select: tokenViewSelect });
    if (!token) throw new AppError("NOT_FOUND", `token ${opts.tokenId} not found`);
    // revoking twice is harmless: the second call changes nothing and logs nothing
    if (count > 0) {
      await audit(tx, { actorId: opts.userId, action: "token.revoke", entityType: "ApiToken", entityId: token.id, data: { name: token.name } });
    }
    return token;
  });
}
