// One samples.jsonl line of a PPO run (trainer/medrank_trainer/ppo.py writes a few every
// `sample_every` steps) → the row the app stores: the prompt, the policy's answer, its reward.
import { AppError } from "@/app/_lib/errors";

export type ParsedSampleLine = {
  step: number;
  itemId: string | null;
  prompt: { role: string; content: string }[];
  response: string;
  reward: number | null;
  score: number | null;
  kl: number | null;
};

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

export function parseSampleLine(line: Record<string, unknown>, where: string): ParsedSampleLine {
  const step = line.step;
  if (typeof step !== "number" || !Number.isInteger(step) || step < 0) {
    throw new AppError("VALIDATION", `${where}: field 'step' must be a non-negative integer`);
  }
  if (typeof line.answer !== "string") throw new AppError("VALIDATION", `${where}: field 'answer' must be the policy's answer text`);
  const messages = line.messages;
  if (
    !Array.isArray(messages) ||
    !messages.every((m) => m && typeof m === "object" && typeof (m as { role?: unknown }).role === "string" && typeof (m as { content?: unknown }).content === "string")
  ) {
    throw new AppError("VALIDATION", `${where}: field 'messages' must be a list of {role, content}`);
  }
  return {
    step,
    itemId: typeof line.item_id === "string" ? line.item_id.slice(0, 200) : null,
    prompt: (messages as { role: string; content: string }[]).map((m) => ({ role: m.role, content: m.content })),
    response: line.answer.replaceAll("\u0000", ""),
    reward: num(line.reward),
    score: num(line.score),
    kl: num(line.kl),
  };
}
