// GET /api/runs/[runId]/logs — the tail of a run's log (trainer stdout/stderr, agent and app notes).
import "server-only";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import type { RunLogLine } from "./run-view";

export async function getRunLogs(opts: { runId: string; tail: number; after?: number }): Promise<{ lines: RunLogLine[] }> {
  const run = await db.run.findUnique({ where: { id: opts.runId }, select: { id: true } });
  if (!run) throw new AppError("NOT_FOUND", `run ${opts.runId} not found`);
  const rows =
    opts.after !== undefined
      ? await db.runLog.findMany({ where: { runId: run.id, id: { gt: BigInt(opts.after) } }, orderBy: { id: "asc" }, take: opts.tail })
      : (await db.runLog.findMany({ where: { runId: run.id }, orderBy: { id: "desc" }, take: opts.tail })).reverse();
  return {
    lines: rows.map((r) => ({ id: Number(r.id), attempt: r.attempt, seq: r.seq, stream: r.stream, line: r.line, at: r.createdAt.toISOString() })),
  };
}
