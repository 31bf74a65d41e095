// The queue as the runs pages explain it: every queued run's position and why it waits
// (rules in agent-presence.ts), from the agents' last contact and their running runs.
import "server-only";
import { db } from "@/app/_lib/db";
import { agentPresence, type QueueWait, queueWaits } from "./agent-presence";

export async function loadQueueWaits(now = new Date()): Promise<Map<string, QueueWait>> {
  const [queued, agents, running] = await Promise.all([
    db.run.findMany({ where: { status: "QUEUED", cancelRequested: false }, orderBy: [{ queuedAt: "asc" }, { id: "asc" }], select: { id: true, kind: true } }),
    db.agent.findMany({ where: { revokedAt: null }, select: { id: true, lastSeenAt: true, revokedAt: true, info: true } }),
    db.run.groupBy({ by: ["agentId"], where: { status: "RUNNING", agentId: { not: null } }, _count: true }),
  ]);
  if (queued.length === 0) return new Map();
  const busy = new Map(running.map((r) => [r.agentId, r._count]));
  return queueWaits(
    queued,
    agents.map((a) => ({ ...agentPresence(a, now), running: busy.get(a.id) ?? 0 })),
  );
}
