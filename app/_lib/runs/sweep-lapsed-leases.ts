// Lease lapse is detected lazily — on every claim and every run list — rather than by a timer,
// because a Next.js server has no reliable background jobs. Each lapsed run is requeued or
// failed (bounded attempts) by the state machine, under a row lock.
import "server-only";
import { audit } from "@/app/_lib/audit";
import { db } from "@/app/_lib/db";
import { settleGenerateRun } from "@/app/_lib/evaluation/systems/settle-system";
import { appendAppLog } from "./lock-run";
import { applyRunEvent } from "./run-transitions";

export async function sweepLapsedLeases(opts: { now?: Date } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    // SKIP LOCKED: a run being heartbeated right now is not lapsed; another sweeper's rows are theirs.
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Run"
      WHERE status = 'RUNNING' AND "leaseExpiresAt" <= ${now}
      ORDER BY "leaseExpiresAt"
      FOR UPDATE SKIP LOCKED`;
    for (const { id } of rows) {
      const run = await tx.run.findUniqueOrThrow({ where: { id } });
      const patch = applyRunEvent(run, { type: "lapse", now });
      const updated = await tx.run.update({ where: { id }, data: patch });
      await settleGenerateRun(tx, updated);
      await appendAppLog(tx, id, patch.error ?? `lease lapsed: ${patch.status}`);
      await audit(tx, {
        actorId: null,
        action: "run.lease_lapsed",
        entityType: "run",
        entityId: id,
        projectId: run.projectId,
        data: { attempt: run.attempts, agentId: run.agentId, status: patch.status ?? run.status },
      });
    }
    return rows.length;
  });
}
