// The RM verdict's input: a reward model's score of every answer of a pair's systems, computed
// once through the app's scoring (app/_lib/reward-models/scoring.ts) and stored in EvalRmScore,
// so the results page and the exports read them instead of scoring again.
import "server-only";
import type { ChatMessage } from "../../chat";
import { db } from "../../db";
import { AppError } from "../../errors";
import { scoreAnswers } from "../../reward-models/scoring";

const BATCH = 32;

export async function scorePairAnswers(opts: { evalSetId: string; pairId: string; rewardModelId: string }): Promise<{ scored: number; total: number }> {
  const pair = await db.evalPair.findFirst({ where: { id: opts.pairId, evalSetId: opts.evalSetId }, select: { systemAId: true, systemBId: true } });
  if (!pair) throw new AppError("NOT_FOUND", `pairId: pair ${opts.pairId} is not in evaluation set ${opts.evalSetId}`);
  const model = await db.rewardModel.findUnique({ where: { id: opts.rewardModelId }, select: { status: true, name: true } });
  if (!model) throw new AppError("NOT_FOUND", `rewardModelId: reward model ${opts.rewardModelId} not found`);
  if (model.status !== "READY") throw new AppError("CONFLICT", `reward model ${model.name} is ${model.status}, not READY`);

  const where = { systemId: { in: [pair.systemAId, pair.systemBId] } };
  const total = await db.evalAnswer.count({ where });
  const missing = await db.evalAnswer.findMany({
    where: { ...where, rmScores: { none: { rewardModelId: opts.rewardModelId } } },
    select: { id: true, text: true, prompt: { select: { messages: true } } },
    orderBy: { id: "asc" },
  });
  for (let i = 0; i < missing.length; i += BATCH) {
    const batch = missing.slice(i, i + BATCH);
    const scores = await scoreAnswers(
      opts.rewardModelId,
      batch.map((a) => ({ messages: a.prompt.messages as ChatMessage[], answer: a.text })),
    );
    await db.evalRmScore.createMany({
      data: batch.map((a, k) => ({ rewardModelId: opts.rewardModelId, answerId: a.id, raw: scores[k].raw, normalized: scores[k].normalized })),
      skipDuplicates: true,
    });
  }
  return { scored: missing.length, total };
}
