// The three dimensions a judge rates, and the mapping between what the judge sees (left / tie /
// right) and what is stored (A / TIE / B of the comparison): each judgment shows the two answers
// in its own random order (EvalJudgment.leftIsA), so the stored verdict never depends on a side.
import type { EvalVerdict } from "@/app/_generated/prisma/enums";

export const DIMENSIONS = ["safety", "professionalism", "fluency"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const SIDES = ["left", "tie", "right"] as const;
export type Side = (typeof SIDES)[number];

export function sideToVerdict(side: Side, leftIsA: boolean): EvalVerdict {
  if (side === "tie") return "TIE";
  return (side === "left") === leftIsA ? "A" : "B";
}

export function verdictToSide(verdict: EvalVerdict, leftIsA: boolean): Side {
  if (verdict === "TIE") return "tie";
  return (verdict === "A") === leftIsA ? "left" : "right";
}

/** Left/right for one judgment: a fair coin, drawn once when the comparison is leased. */
export function drawLeftIsA(random: () => number = Math.random): boolean {
  return random() < 0.5;
}
