// Row locks and app-written log lines, shared by the functions that change a run.
import "server-only";
import type { Tx } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";

/** Locks the run row for the rest of the transaction (concurrent changes wait) and reads it. */
export async function lockRun(tx: Tx, runId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Run" WHERE id = ${runId} FOR UPDATE`;
  if (rows.length === 0) throw new AppError("NOT_FOUND", `run ${runId} not found`);
  return tx.run.findUniqueOrThrow({ where: { id: runId } });
}

/**
 * A line the app itself writes into a run's log (lease lapsed, requeued, cancelled …), so the
 * run page tells the whole story. Attempt 0 is reserved for these; the run row is locked by the caller.
 */
export async function appendAppLog(tx: Tx, runId: string, line: string): Promise<void> {
  const last = await tx.runLog.findFirst({ where: { runId, attempt: 0 }, orderBy: { seq: "desc" }, select: { seq: true } });
  await tx.runLog.create({ data: { runId, attempt: 0, seq: (last?.seq ?? -1) + 1, stream: "app", line } });
}
