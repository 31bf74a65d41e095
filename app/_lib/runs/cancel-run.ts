// POST /api/runs/[runId]/cancel — a queued run ends at once; a running one is flagged and its
// agent stops the trainer on its next heartbeat (then reports, or its lease lapses → CANCELLED).
import "server-only";
import type { Caller } from "@/app/_lib/auth/caller";
import { audit } from "@/app/_lib/audit";
import { db } from "@/app/_lib/db";
import { appendAppLog, lockRun } from "./lock-run";
import { applyRunEvent } from "./run-transitions";
import { settleGenerateRun } from "@/app/_lib/evaluation/systems/settle-system";

export async function cancelRun(opts: { caller: Caller; runId: string; now?: Date }) {
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    const run = await lockRun(tx, opts.runId);
    const patch = applyRunEvent(run, { type: "cancel", now });
    const updated = await tx.run.update({ where: { id: run.id }, data: patch });
    await settleGenerateRun(tx, updated);
    await appendAppLog(tx, run.id, updated.status === "CANCELLED" ? `cancelled by ${opts.caller.name}` : `cancel requested by ${opts.caller.name}; waiting for the agent to stop the trainer`);
    await audit(tx, { actorId: opts.caller.id, action: "run.cancel", entityType: "run", entityId: run.id, projectId: run.projectId, data: { from: run.status } });
    return { id: updated.id, status: updated.status, cancelRequested: updated.cancelRequested };
  });
}
