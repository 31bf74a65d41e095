// A GENERATE run's answers arriving from the agent that holds the run. Idempotent: one answer per
// (system, prompt) — a re-sent batch (network retry, a requeued attempt) is skipped, never
// doubled, and never replaces the first answer. Each answer keeps its provenance: the run, the
// attempt, the model and the decoding settings. Requested comparisons are filled as answers
// arrive, so judging can start before the run ends.
import "server-only";
import type { Prisma } from "@/app/_generated/prisma/client";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import type { AuthedAgent } from "@/app/_lib/runs/agent-auth";
import { lockRun } from "@/app/_lib/runs/lock-run";
import { assertLeaseHolder } from "@/app/_lib/runs/run-transitions";
import { fillComparisons } from "../pairs";
import { generateSystemId } from "./generate-input";
import type { PostAnswersInput } from "./post-answers.schema";
import { markReadyIfComplete } from "./settle-system";

export async function postAnswers(opts: { agent: AuthedAgent; runId: string; input: PostAnswersInput }) {
  const { agent, runId, input } = opts;
  const result = await db.$transaction(async (tx) => {
    const run = await lockRun(tx, runId);
    assertLeaseHolder(run, { agentId: agent.id, attempt: input.attempt });
    if (run.kind !== "GENERATE") throw new AppError("CONFLICT", `run ${runId} is a ${run.kind} run: it has no answers to post`);
    const system = await tx.evalSystem.findUnique({ where: { id: generateSystemId(run) }, select: { id: true, evalSetId: true } });
    if (!system) throw new AppError("CONFLICT", `run ${runId}: its evaluation system was deleted`);

    const ids = [...new Set(input.answers.map((a) => a.prompt_id))];
    const known = await tx.evalPrompt.findMany({ where: { evalSetId: system.evalSetId, id: { in: ids } }, select: { id: true } });
    const knownIds = new Set(known.map((p) => p.id));
    const unknown = input.answers.findIndex((a) => !knownIds.has(a.prompt_id));
    if (unknown >= 0) throw new AppError("VALIDATION", `answers[${unknown}].prompt_id: "${input.answers[unknown].prompt_id}" is not a prompt of this run's evaluation set`);
    const empty = input.answers.findIndex((a) => !a.answer.trim());
    if (empty >= 0) throw new AppError("VALIDATION", `answers[${empty}].answer: must not be empty`);

    const provenance = { source: "generate", runId, attempt: input.attempt, agent: agent.name, modelPath: run.modelPath, model: input.model ?? null, decoding: input.decoding ?? run.config };
    const created = await tx.evalAnswer.createMany({
      data: input.answers.map((a) => ({ systemId: system.id, promptId: a.prompt_id, text: a.answer, provenance: provenance as Prisma.InputJsonValue })),
      skipDuplicates: true,
    });
    if (input.decoding) await tx.evalSystem.update({ where: { id: system.id }, data: { decoding: input.decoding as Prisma.InputJsonValue } });
    const ready = await markReadyIfComplete(tx, system.id);
    return { evalSetId: system.evalSetId, accepted: created.count, duplicates: input.answers.length - created.count, ready };
  });
  const comparisons = await fillComparisons(result.evalSetId);
  return { accepted: result.accepted, duplicates: result.duplicates, ready: result.ready, comparisons };
}
