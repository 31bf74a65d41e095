// What the "add a system" and "new set" forms offer: projects, finished PPO runs (their policy or
// their base model), base models of other runs, and the model directories agents report
// (Agent.info.models, sent at every claim).
import "server-only";
import { db } from "@/app/_lib/db";

export async function evaluationOptions() {
  const [projects, runs, agents] = await Promise.all([
    db.project.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.run.findMany({
      where: { kind: { in: ["PPO", "RM", "SAMPLE"] }, status: "SUCCEEDED" },
      orderBy: { createdAt: "desc" },
      take: 200,
      select: { id: true, name: true, kind: true, modelPath: true },
    }),
    db.agent.findMany({ where: { revokedAt: null }, select: { name: true, info: true } }),
  ]);
  const models = new Map<string, string[]>();
  for (const a of agents) {
    const reported = (a.info as { models?: unknown }).models;
    if (!Array.isArray(reported)) continue;
    for (const m of reported) if (typeof m === "string") models.set(m, [...(models.get(m) ?? []), a.name]);
  }
  return {
    projects,
    ppoRuns: runs.filter((r) => r.kind === "PPO").map(({ id, name, modelPath }) => ({ id, name, modelPath })),
    runs: runs.map(({ id, name, kind, modelPath }) => ({ id, name, kind, modelPath })),
    agentModels: [...models].map(([path, agentNames]) => ({ path, agents: agentNames })).sort((a, b) => a.path.localeCompare(b.path)),
  };
}
export type EvaluationOptions = Awaited<ReturnType<typeof evaluationOptions>>;
