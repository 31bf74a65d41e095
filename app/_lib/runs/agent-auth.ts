// The agent API's one auth wrapper: `Authorization: Bearer mra_…` (an agent token, not a user
// session). A revoked or unknown token is a 401; the agent row is re-read on every call, so a
// revocation takes effect at once.
import "server-only";
import type { NextRequest } from "next/server";
import { db } from "@/app/_lib/db";
import { AppError, errorResponse } from "@/app/_lib/errors";
import { bearerAgentToken, hashAgentToken } from "./agent-token";

export type AuthedAgent = { id: string; name: string };

export async function authenticateAgent(authorization: string | null, now = new Date()): Promise<AuthedAgent> {
  const token = bearerAgentToken(authorization);
  if (!token) throw new AppError("UNAUTHORIZED", "send an agent token: Authorization: Bearer mra_…");
  const agent = await db.agent.findUnique({ where: { tokenHash: hashAgentToken(token) }, select: { id: true, name: true, revokedAt: true, lastSeenAt: true } });
  if (!agent || agent.revokedAt) throw new AppError("UNAUTHORIZED", "unknown or revoked agent token");
  // Record liveness at most every 10 s: an agent posting metrics every second should not write the row each time.
  if (!agent.lastSeenAt || now.getTime() - agent.lastSeenAt.getTime() > 10_000) {
    await db.agent.update({ where: { id: agent.id }, data: { lastSeenAt: now } });
  }
  return { id: agent.id, name: agent.name };
}

export function withAgent<P extends Record<string, string> = Record<string, never>>(
  handler: (ctx: { req: NextRequest; agent: AuthedAgent; params: P }) => Promise<unknown>,
) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const agent = await authenticateAgent(req.headers.get("authorization"));
      const params = (context?.params ? await context.params : {}) as P;
      const result = await handler({ req, agent, params });
      return result instanceof Response ? result : Response.json(result ?? null);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
