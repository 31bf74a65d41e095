// GET /api/runs/[runId]/logs — the tail of a run's log (trainer stdout/stderr, agent and app notes),
// optionally only its warnings and errors; GET …/logs/download — the whole log as a text file.
// A progress line the agent updated in place keeps its id: the tail is re-read, not appended to.
import "server-only";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import { type LogFilter, logLevelWhere } from "./log-level";
import type { RunLogLine } from "./run-view";

type LogRow = { id: bigint; attempt: number; seq: number; stream: string; line: string; at: Date | null; createdAt: Date };

const toLine = (r: LogRow): RunLogLine => ({
  id: Number(r.id),
  attempt: r.attempt,
  seq: r.seq,
  stream: r.stream,
  line: r.line,
  at: (r.at ?? r.createdAt).toISOString(),
});

async function findRun(runId: string) {
  const run = await db.run.findUnique({ where: { id: runId }, select: { id: true, name: true } });
  if (!run) throw new AppError("NOT_FOUND", `run ${runId} not found`);
  return run;
}

export async function getRunLogs(opts: { runId: string; tail: number; after?: number; level?: LogFilter }): Promise<{ lines: RunLogLine[]; total: number }> {
  const run = await findRun(opts.runId);
  const where = { runId: run.id, ...logLevelWhere(opts.level ?? "all") };
  const [rows, total] = await Promise.all([
    opts.after !== undefined
      ? db.runLog.findMany({ where: { ...where, id: { gt: BigInt(opts.after) } }, orderBy: { id: "asc" }, take: opts.tail })
      : db.runLog.findMany({ where, orderBy: { id: "desc" }, take: opts.tail }).then((r) => r.reverse()),
    db.runLog.count({ where }),
  ]);
  return { lines: rows.map(toLine), total };
}

const PAGE = 5000;

/** One line per log line: `2026-12-03 15:10:02.123 [attempt 1] [stderr] text`, read page by page. */
export async function runLogFile(opts: { runId: string }): Promise<{ fileName: string; body: ReadableStream<Uint8Array> }> {
  const run = await findRun(opts.runId);
  const encoder = new TextEncoder();
  let after = BigInt(0);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const rows = await db.runLog.findMany({ where: { runId: run.id, id: { gt: after } }, orderBy: { id: "asc" }, take: PAGE });
      if (rows.length === 0) return controller.close();
      after = rows[rows.length - 1].id;
      const text = rows
        .map((r) => `${(r.at ?? r.createdAt).toISOString().replace("T", " ").replace("Z", "")} [attempt ${r.attempt}] [${r.stream}] ${r.line}\n`)
        .join("");
      controller.enqueue(encoder.encode(text));
    },
  });
  return { fileName: `run-${run.id}.log`, body };
}
