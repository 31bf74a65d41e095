// Is an agent online? It is when it was heard from recently: an idle agent claims every
// `pollSeconds`, a busy one heartbeats every `heartbeatSeconds` (both reported at claim time), and
// the app records contact at most every 10 s (agent-auth.ts). Three missed contacts on top of
// that = offline. Also: which queued run waits for what (queue position and the reason).

export const CONTACT_RECORD_SECONDS = 10;
const DEFAULT_INTERVAL_SECONDS = 15; // an agent that reported no intervals (older agents): lease 60 s / 4

export type AgentPresenceInput = { lastSeenAt: Date | null; revokedAt: Date | null; info: unknown };
export type AgentPresence = { online: boolean; offlineAfterSeconds: number; kinds: string[] };

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) && v > 0 ? v : null);

export function agentPresence(agent: AgentPresenceInput, now: Date): AgentPresence {
  const info = (agent.info && typeof agent.info === "object" ? agent.info : {}) as Record<string, unknown>;
  const interval = Math.max(num(info.pollSeconds) ?? 0, num(info.heartbeatSeconds) ?? 0) || DEFAULT_INTERVAL_SECONDS;
  const offlineAfterSeconds = Math.max(20, Math.round(CONTACT_RECORD_SECONDS + 3 * interval));
  const kinds = Array.isArray(info.kinds) ? info.kinds.filter((k): k is string => typeof k === "string") : ["RM", "PPO", "SAMPLE"];
  const online =
    !agent.revokedAt && agent.lastSeenAt !== null && now.getTime() - agent.lastSeenAt.getTime() <= offlineAfterSeconds * 1000;
  return { online, offlineAfterSeconds, kinds };
}

export type QueueReason = "noAgentOnline" | "noAgentForKind" | "agentsBusy" | "behindOthers" | "next";
export type QueueWait = { position: number; queued: number; reason: QueueReason };

/**
 * Queued runs in claim order (queuedAt, id — as claim-run.ts takes them) → each one's position
 * and why it has not been claimed yet.
 */
export function queueWaits(
  queued: { id: string; kind: string }[],
  agents: { online: boolean; kinds: string[]; running: number }[],
): Map<string, QueueWait> {
  const online = agents.filter((a) => a.online);
  const out = new Map<string, QueueWait>();
  queued.forEach((run, i) => {
    const able = online.filter((a) => a.kinds.includes(run.kind));
    const reason: QueueReason =
      online.length === 0 ? "noAgentOnline"
      : able.length === 0 ? "noAgentForKind"
      : able.every((a) => a.running > 0) ? "agentsBusy"
      : i > 0 ? "behindOthers"
      : "next";
    out.set(run.id, { position: i + 1, queued: queued.length, reason });
  });
  return out;
}
