// GET /api/agent/runs/[runId]/input — the run's input JSONL, only for the agent that holds it.
import "server-only";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import type { AuthedAgent } from "./agent-auth";
import { runInput, sha256 } from "./run-input";

export async function agentRunInput(opts: { agent: AuthedAgent; runId: string }): Promise<{ content: string; sha256: string }> {
  // Permission in the query: another agent's run is "not found" to this one.
  const run = await db.run.findFirst({
    where: { id: opts.runId, agentId: opts.agent.id, status: "RUNNING" },
    select: { id: true, kind: true, snapshotId: true, itemIds: true, inputHash: true, config: true },
  });
  if (!run) throw new AppError("CONFLICT", `run ${opts.runId} is not running on this agent`);
  const content = await runInput(db, run);
  const digest = sha256(content);
  if (run.inputHash && digest !== run.inputHash) {
    throw new AppError("CONFLICT", `run ${run.id}: its input changed since launch (sha256 ${digest.slice(0, 12)}… ≠ pinned ${run.inputHash.slice(0, 12)}…)`);
  }
  return { content, sha256: digest };
}
