// POST /api/evaluations/[evalSetId]/systems — a model whose answers a GENERATE run produces:
//   RUN_POLICY  a finished PPO run's policy (its base model + its LoRA adapter)
//   BASE_MODEL  a run's base model (runId) or any model directory on an agent's host (modelPath)
// Imported answers come as a file instead (POST …/systems/import, answers-jsonl.ts).
import { z } from "zod";
import { storableString } from "@/app/_lib/api/storable-text";
import { generateDecodingSchema } from "@/app/_lib/runs/launch-run.schema";

export const systemNameSchema = storableString().trim().min(1, "give the system a name").max(120, "at most 120 characters");

export const addModelSystemSchema = z
  .object({
    name: systemNameSchema,
    kind: z.enum(["RUN_POLICY", "BASE_MODEL"]),
    runId: storableString().min(1).optional(),
    modelPath: storableString().trim().min(1).max(1000).optional(),
    decoding: generateDecodingSchema.default(generateDecodingSchema.parse({})),
  })
  .refine((s) => s.kind !== "RUN_POLICY" || s.runId, { message: "pick the PPO run", path: ["runId"] })
  .refine((s) => s.kind !== "BASE_MODEL" || Boolean(s.runId) !== Boolean(s.modelPath), {
    message: "give either a run (its base model) or a model directory",
    path: ["modelPath"],
  });
export type AddModelSystemInput = z.infer<typeof addModelSystemSchema>;
export type AddModelSystemForm = z.input<typeof addModelSystemSchema>;

/** The query string sent with an answers JSONL file's bytes. */
export const importAnswersSchema = z.object({
  name: systemNameSchema,
  fileName: storableString().trim().min(1, "fileName is required").max(200).transform((n) => n.split(/[\\/]/).pop()!),
});
export type ImportAnswersInput = z.infer<typeof importAnswersSchema>;
