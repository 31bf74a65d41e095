// GET /api/runs/[runId]/metrics and /api/runs/compare — metric rows for the charts.
// The page asks only for rows after the last id it has, so polling a long run stays cheap.
import "server-only";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import type { MetricPoint, RunMetricsPage, RunSummary } from "./run-view";
import { runSummarySelect, toRunSummary } from "./run-view";

const PAGE = 5000;

function toPoint(r: { id: bigint; attempt: number; step: number; split: string; data: unknown }): MetricPoint {
  const data: Record<string, number> = {};
  for (const [k, v] of Object.entries((r.data ?? {}) as Record<string, unknown>)) if (typeof v === "number") data[k] = v;
  return { id: Number(r.id), attempt: r.attempt, step: r.step, split: r.split, data };
}

export async function getRunMetrics(opts: { runId: string; after: number }): Promise<RunMetricsPage> {
  const run = await db.run.findUnique({ where: { id: opts.runId }, select: { id: true, status: true } });
  if (!run) throw new AppError("NOT_FOUND", `run ${opts.runId} not found`);
  const rows = await db.runMetric.findMany({
    where: { runId: run.id, id: { gt: BigInt(opts.after) } },
    orderBy: { id: "asc" },
    take: PAGE,
    select: { id: true, attempt: true, step: true, split: true, data: true },
  });
  const points = rows.map(toPoint);
  return { runId: run.id, status: run.status, points, lastId: points.at(-1)?.id ?? opts.after };
}

export type RunComparison = { runs: (RunSummary & { config: Record<string, unknown>; points: MetricPoint[] })[] };

export async function compareRuns(opts: { ids: string[] }): Promise<RunComparison> {
  const runs = await db.run.findMany({ where: { id: { in: opts.ids } }, select: { ...runSummarySelect, config: true } });
  const missing = opts.ids.filter((id) => !runs.some((r) => r.id === id));
  if (missing.length) throw new AppError("NOT_FOUND", `run ${missing.join(", ")} not found`);
  const rows = await db.runMetric.findMany({
    where: { runId: { in: opts.ids } },
    orderBy: { id: "asc" },
    select: { runId: true, id: true, attempt: true, step: true, split: true, data: true },
  });
  const byRun = new Map<string, MetricPoint[]>();
  for (const r of rows) byRun.set(r.runId, [...(byRun.get(r.runId) ?? []), toPoint(r)]);
  return {
    runs: opts.ids.map((id) => {
      const run = runs.find((r) => r.id === id)!;
      return { ...toRunSummary(run), config: (run.config ?? {}) as Record<string, unknown>, points: byRun.get(id) ?? [] };
    }),
  };
}
