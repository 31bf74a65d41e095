// The caller's own tokens, newest first (revoked ones stay listed, marked as such).
import "server-only";
import { db } from "@/app/_lib/db";
import { tokenViewSelect, type TokenView } from "./token-view";

export async function listTokens(opts: { userId: string }): Promise<TokenView[]> {
  return db.apiToken.findMany({ where: { userId: opts.userId }, select: tokenViewSelect, orderBy: { createdAt: "desc" } });
}
