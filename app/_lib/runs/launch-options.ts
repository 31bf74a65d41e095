// GET /api/runs/launch-options — what the launch forms offer: projects with their snapshots and
// the number of items awaiting candidates, finished RM/PPO runs (an RM run with its held-out
// accuracy, so a PPO run picks its reward model knowingly), model directories agents reported.
import "server-only";
import { db } from "@/app/_lib/db";
import { runHeadline } from "./run-headline";
import { asRecord } from "./run-view";

export type LaunchOptions = {
  projects: {
    id: string;
    name: string;
    k: number;
    awaitingCandidates: number;
    finalItems: number;
    snapshots: { id: string; version: number; items: number; createdAt: string }[];
  }[];
  rewardRuns: {
    id: string;
    name: string;
    projectId: string | null;
    snapshotId: string | null;
    finishedAt: string | null;
    /** Pairwise accuracy of the kept (best) checkpoint on the held-out rankings, and how many there were. */
    accuracy: number | null;
    validation: number | null;
  }[];
  policyRuns: { id: string; name: string; projectId: string | null; modelPath: string; finishedAt: string | null }[];
  modelPaths: string[];
  /** Model directories the agents themselves report (first: the launch form's default). */
  agentModels: string[];
};

export async function getLaunchOptions(): Promise<LaunchOptions> {
  const [projects, counts, snapshots, finished, agents] = await Promise.all([
    db.project.findMany({ orderBy: { createdAt: "desc" }, select: { id: true, name: true, k: true } }),
    db.item.groupBy({ by: ["projectId", "status"], where: { status: { in: ["AWAITING_CANDIDATES", "FINAL"] } }, _count: true }),
    db.snapshot.findMany({ orderBy: { version: "desc" }, select: { id: true, projectId: true, version: true, counts: true, createdAt: true } }),
    db.run.findMany({
      where: { status: "SUCCEEDED", kind: { in: ["RM", "PPO"] }, outputDir: { not: null } },
      orderBy: { finishedAt: "desc" },
      take: 200,
      select: { id: true, kind: true, name: true, projectId: true, snapshotId: true, modelPath: true, finishedAt: true, summary: true, queuedAt: true, startedAt: true },
    }),
    db.agent.findMany({ where: { revokedAt: null }, orderBy: { lastSeenAt: { sort: "desc", nulls: "last" } }, select: { info: true } }),
  ]);
  const count = (projectId: string, status: string) => counts.find((c) => c.projectId === projectId && c.status === status)?._count ?? 0;
  const modelPaths = new Set<string>();
  for (const a of agents) {
    const models = (a.info as { models?: unknown })?.models;
    if (Array.isArray(models)) for (const m of models) if (typeof m === "string") modelPaths.add(m);
  }
  const agentModels = [...modelPaths];
  const recent = await db.run.findMany({ orderBy: { createdAt: "desc" }, take: 50, select: { modelPath: true } });
  for (const r of recent) modelPaths.add(r.modelPath);
  return {
    projects: projects.map((p) => ({
      ...p,
      awaitingCandidates: count(p.id, "AWAITING_CANDIDATES"),
      finalItems: count(p.id, "FINAL"),
      snapshots: snapshots
        .filter((s) => s.projectId === p.id)
        .map((s) => ({ id: s.id, version: s.version, items: Number((s.counts as { items?: number })?.items ?? 0), createdAt: s.createdAt.toISOString() })),
    })),
    rewardRuns: finished
      .filter((r) => r.kind === "RM")
      .map((r) => {
        const timing = { queuedAt: r.queuedAt.toISOString(), startedAt: r.startedAt?.toISOString() ?? null, finishedAt: r.finishedAt?.toISOString() ?? null };
        const rm = runHeadline({ kind: "RM", summary: asRecord(r.summary), timing }).rm;
        return {
          id: r.id,
          name: r.name,
          projectId: r.projectId,
          snapshotId: r.snapshotId,
          finishedAt: timing.finishedAt,
          accuracy: rm?.best?.accuracy ?? null,
          validation: rm?.validation ?? null,
        };
      }),
    policyRuns: finished
      .filter((r) => r.kind === "PPO")
      .map((r) => ({ id: r.id, name: r.name, projectId: r.projectId, modelPath: r.modelPath, finishedAt: r.finishedAt?.toISOString() ?? null })),
    modelPaths: [...modelPaths],
    agentModels,
  };
}
