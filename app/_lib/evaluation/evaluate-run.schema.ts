// POST /api/runs/[runId]/evaluate — "evaluate against its base model" from a finished PPO run.
import { z } from "zod";
import { MAX_SET_PROMPTS } from "./sets/create-eval-set.schema";

export const evaluateRunSchema = z.object({
  count: z.number().int().min(1).max(MAX_SET_PROMPTS).default(50),
  multiTurn: z.boolean().default(false),
  judgesPerComparison: z.number().int().min(1).max(10).default(2),
});
export type EvaluateRunInput = z.infer<typeof evaluateRunSchema>;
