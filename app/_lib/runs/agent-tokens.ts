// Agent tokens (admin): create — the secret is returned once and stored only as its sha256 —,
// list, revoke. A revoked token is refused on the agent's next call.
import "server-only";
import type { Caller } from "@/app/_lib/auth/caller";
import { audit } from "@/app/_lib/audit";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import type { CreateAgentTokenInput } from "./agent-token.schema";
import { agentPresence } from "./agent-presence";
import { generateAgentToken } from "./agent-token";
import type { AgentView } from "./run-view";

type AgentRow = {
  id: string; name: string; prefix: string; createdAt: Date; revokedAt: Date | null; lastSeenAt: Date | null;
  hostname: string | null; gpus: number | null; info: unknown;
};

function toAgentView(a: AgentRow, currentRuns: AgentView["currentRuns"], now = new Date()): AgentView {
  const presence = agentPresence(a, now);
  return {
    id: a.id,
    name: a.name,
    prefix: a.prefix,
    createdAt: a.createdAt.toISOString(),
    revokedAt: a.revokedAt?.toISOString() ?? null,
    lastSeenAt: a.lastSeenAt?.toISOString() ?? null,
    hostname: a.hostname,
    gpus: a.gpus,
    info: (a.info ?? {}) as Record<string, unknown>,
    runningRuns: currentRuns.length,
    currentRuns,
    online: presence.online,
    offlineAfterSeconds: presence.offlineAfterSeconds,
    kinds: presence.kinds,
  };
}

export async function createAgentToken(opts: { caller: Caller; input: CreateAgentTokenInput }): Promise<{ agent: AgentView; token: string }> {
  const { token, prefix, tokenHash } = generateAgentToken();
  const agent = await db.$transaction(async (tx) => {
    const row = await tx.agent.create({ data: { name: opts.input.name, prefix, tokenHash, createdById: opts.caller.id } });
    await audit(tx, { actorId: opts.caller.id, action: "agent_token.create", entityType: "agent", entityId: row.id, data: { name: row.name, prefix } });
    return row;
  });
  return { agent: toAgentView(agent, []), token };
}

export async function listAgents(): Promise<AgentView[]> {
  const agents = await db.agent.findMany({ orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }] });
  const running = await db.run.findMany({
    where: { status: "RUNNING", agentId: { not: null } },
    orderBy: { startedAt: "asc" },
    select: { id: true, name: true, kind: true, agentId: true },
  });
  const now = new Date();
  return agents.map((a) =>
    toAgentView(a, running.filter((r) => r.agentId === a.id).map(({ id, name, kind }) => ({ id, name, kind })), now),
  );
}

/** Its running runs are not touched: they stop heartbeating (401) and their leases lapse into a requeue. */
export async function revokeAgentToken(opts: { caller: Caller; agentId: string; now?: Date }): Promise<AgentView> {
  return db.$transaction(async (tx) => {
    const agent = await tx.agent.findUnique({ where: { id: opts.agentId } });
    if (!agent) throw new AppError("NOT_FOUND", `agent ${opts.agentId} not found`);
    if (agent.revokedAt) throw new AppError("CONFLICT", `the token of agent ${agent.name} is already revoked`);
    const updated = await tx.agent.update({ where: { id: agent.id }, data: { revokedAt: opts.now ?? new Date() } });
    await audit(tx, { actorId: opts.caller.id, action: "agent_token.revoke", entityType: "agent", entityId: agent.id, data: { name: agent.name } });
    return toAgentView(updated, []);
  });
}
