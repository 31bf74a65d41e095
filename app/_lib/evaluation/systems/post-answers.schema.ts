// POST /api/agent/runs/[runId]/answers — a GENERATE run's answers, in batches (docs/runs.md).
import { z } from "zod";
import { PG_INT_MAX } from "@/app/_lib/api/db-numbers";
import { machineJson, machineString } from "@/app/_lib/api/storable-text";
import { MAX_ANSWER_CHARS } from "./answers-jsonl";

/** Answers per post: the agent sends at most this many (trainer agent.py ANSWERS_BATCH). */
export const MAX_ANSWERS_PER_POST = 200;

export const postAnswersSchema = z.object({
  attempt: z.number().int().min(1).max(PG_INT_MAX),
  answers: z
    .array(
      z.object({
        prompt_id: machineString(z.string().min(1).max(100)),
        answer: machineString(z.string().max(MAX_ANSWER_CHARS, `at most ${MAX_ANSWER_CHARS} characters`)),
      }),
    )
    .min(1, "send at least one answer")
    .max(MAX_ANSWERS_PER_POST, `at most ${MAX_ANSWERS_PER_POST} answers per post`),
  /** the decoding settings as the trainer recorded them in its output */
  decoding: machineJson(z.record(z.string(), z.unknown())).optional(),
  /** the model the trainer loaded (policy directory, adapter) as it recorded them */
  model: machineJson(z.record(z.string(), z.unknown())).optional(),
});
export type PostAnswersInput = z.infer<typeof postAnswersSchema>;
