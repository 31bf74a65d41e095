// One click from a finished PPO run: a held-out sample of the run's project (single-turn, 50
// prompts by default, the run id as seed), two systems — the run's policy and its base model —
// each answered by a GENERATE run, and the pair requested for blind judging. Judging starts as
// the answers arrive (post-answers.ts fills the comparisons).
import "server-only";
import type { Caller } from "@/app/_lib/auth/caller";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import { generateDecodingSchema } from "@/app/_lib/runs/launch-run.schema";
import type { EvaluateRunInput } from "./evaluate-run.schema";
import { requestPair } from "./pairs";
import { drawProjectSet } from "./sets/create-eval-set";
import { addModelSystemTx } from "./systems/add-model-system";

export async function evaluateRun(opts: { caller: Caller; runId: string; input: EvaluateRunInput }) {
  const { caller, runId, input } = opts;
  const run = await db.run.findUnique({ where: { id: runId }, select: { id: true, kind: true, status: true, name: true, projectId: true, outputDir: true } });
  if (!run) throw new AppError("NOT_FOUND", `run ${runId} not found`);
  if (run.kind !== "PPO") throw new AppError("CONFLICT", `run "${run.name}" is a ${run.kind} run: only a PPO run's policy is evaluated against its base model`);
  if (run.status !== "SUCCEEDED" || !run.outputDir) throw new AppError("CONFLICT", `PPO run "${run.name}" has not succeeded (it is ${run.status})`);
  if (!run.projectId) throw new AppError("CONFLICT", `PPO run "${run.name}" belongs to no project: there are no held-out turns to draw`);
  const projectId = run.projectId;

  const made = await db.$transaction(
    async (tx) => {
      const stamp = new Date().toISOString().slice(0, 16).replace("T", " ");
      const set = await drawProjectSet(tx, {
        actorId: caller.id,
        input: {
          source: "PROJECT",
          name: `${run.name} vs base · ${stamp}`.slice(0, 120),
          description: `Policy of PPO run "${run.name}" against its base model, on held-out turns of its project.`,
          projectId,
          multiTurn: input.multiTurn,
          count: input.count,
          seed: run.id,
          judgesPerComparison: input.judgesPerComparison,
        },
      });
      const decoding = generateDecodingSchema.parse({});
      const policy = await addModelSystemTx(tx, { actorId: caller.id, evalSetId: set.id, input: { name: "policy", kind: "RUN_POLICY", runId: run.id, decoding } });
      const base = await addModelSystemTx(tx, { actorId: caller.id, evalSetId: set.id, input: { name: "base", kind: "BASE_MODEL", runId: run.id, decoding } });
      return { set, policy, base };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  const pair = await requestPair({ caller, evalSetId: made.set.id, systemAId: made.policy.id, systemBId: made.base.id });
  return {
    evalSetId: made.set.id,
    prompts: made.set.prompts,
    systems: [made.policy, made.base],
    pairId: pair.pairId ?? null,
  };
}
