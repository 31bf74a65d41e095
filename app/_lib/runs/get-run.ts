// GET /api/runs/[runId] — everything the run page shows: pinned inputs, lease, progress with ETA,
// artifacts. The lease is checked on read too (a lapsed run shows requeued/failed at once).
import "server-only";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import { isLeaseLapsed } from "./lease";
import { runProgress } from "./progress";
import { asRecord, parseArtifacts, type RunDetail, runSummarySelect, toRunSummary } from "./run-view";
import { isTerminal } from "./run-transitions";
import { loadQueueWaits } from "./load-queue-waits";
import { sweepLapsedLeases } from "./sweep-lapsed-leases";

async function load(runId: string) {
  return db.run.findUnique({
    where: { id: runId },
    select: {
      ...runSummarySelect,
      config: true,
      snapshot: { select: { id: true, version: true, contentHash: true, projectId: true } },
      inputHash: true,
      itemIds: true,
      parentRun: { select: { id: true, name: true, kind: true, status: true } },
      leaseSeconds: true,
      leaseExpiresAt: true,
      heartbeatAt: true,
      outputDir: true,
      artifacts: true,
      summary: true,
      results: true,
      evalSystems: { select: { name: true, evalSet: { select: { id: true, name: true, _count: { select: { prompts: true } } } }, _count: { select: { answers: true } } }, take: 1 },
    },
  });
}

export async function getRun(opts: { runId: string; now?: Date }): Promise<RunDetail> {
  const now = opts.now ?? new Date();
  let run = await load(opts.runId);
  if (!run) throw new AppError("NOT_FOUND", `run ${opts.runId} not found`);
  if (isLeaseLapsed(run, now)) {
    await sweepLapsedLeases({ now });
    run = (await load(opts.runId))!;
  }
  // The rate is measured over the current attempt's train lines (a resumed attempt restarts the clock).
  const attempt = { runId: run.id, attempt: run.attempts, split: "train" };
  const [first, last] = await Promise.all([
    db.runMetric.findFirst({ where: attempt, orderBy: { id: "asc" }, select: { step: true, data: true } }),
    db.runMetric.findFirst({ where: attempt, orderBy: { id: "desc" }, select: { step: true, data: true } }),
  ]);
  const timed = (m: { step: number; data: unknown } | null) => {
    const time = asRecord(m?.data)?.time;
    return m && typeof time === "number" ? { step: m.step, time } : null;
  };
  const queue = run.status === "QUEUED" ? ((await loadQueueWaits(now)).get(run.id) ?? null) : null;
  return {
    ...toRunSummary(run, queue),
    config: asRecord(run.config) ?? {},
    snapshot: run.snapshot,
    inputHash: run.inputHash,
    itemCount: run.itemIds.length,
    parentRun: run.parentRun,
    evaluation: run.evalSystems[0]
      ? {
          evalSetId: run.evalSystems[0].evalSet.id,
          evalSetName: run.evalSystems[0].evalSet.name,
          systemName: run.evalSystems[0].name,
          answers: run.evalSystems[0]._count.answers,
          prompts: run.evalSystems[0].evalSet._count.prompts,
        }
      : null,
    leaseSeconds: run.leaseSeconds,
    leaseExpiresAt: run.leaseExpiresAt?.toISOString() ?? null,
    heartbeatAt: run.heartbeatAt?.toISOString() ?? null,
    outputDir: run.outputDir,
    artifacts: parseArtifacts(run.artifacts),
    summary: asRecord(run.summary),
    results: asRecord(run.results),
    progress: runProgress({
      step: run.step,
      totalSteps: run.totalSteps,
      first: timed(first),
      last: timed(last),
      finished: isTerminal(run.status),
    }),
  };
}
