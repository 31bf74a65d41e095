// scoreAnswers: a registered reward model's scores for (dialogue, answer) pairs, computed in the
// scoring worker thread (worker-client.ts), so the request thread only waits. The contract other
// parts of the app rely on (evaluation, agreement, the uncertainty queue).
import "server-only";
import type { ChatMessage } from "@/app/_lib/chat";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import type { Variant } from "./engine";
import { scoreInWorker } from "./worker-client";

export type ScoreAnswersInput = { messages: ChatMessage[]; answer: string };

export async function scoreAnswers(
  rewardModelId: string,
  inputs: ScoreAnswersInput[],
  opts?: { variant?: Variant },
): Promise<{ raw: number; normalized: number }[]> {
  const model = await db.rewardModel.findUnique({ where: { id: rewardModelId }, select: { id: true, name: true, status: true, dir: true, formats: true } });
  if (!model) throw new AppError("NOT_FOUND", `reward model ${rewardModelId} not found`);
  if (model.status !== "READY") throw new AppError("CONFLICT", `reward model ${model.name} is ${model.status}, not READY: it cannot score yet`);
  const variant = opts?.variant ?? "fp32";
  if (!model.formats.includes(variant)) throw new AppError("CONFLICT", `reward model ${model.name} has no ${variant} variant (it has ${model.formats.join(", ") || "none"})`);
  if (!inputs.length) return [];
  try {
    return await scoreInWorker(model.dir, variant, inputs);
  } catch (err) {
    throw new AppError("CONFLICT", `reward model ${model.name} could not score: ${(err as Error).message}`);
  }
}
