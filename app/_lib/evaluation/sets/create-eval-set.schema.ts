// POST /api/evaluations — build an evaluation set from a project's held-out turns or from the
// CMtMedQA safety probes shipped with the demo data; POST /api/evaluations/import — from a file
// (its query string). The same schemas check the form in the browser.
import { z } from "zod";
import { storableString } from "@/app/_lib/api/storable-text";

export const MAX_SET_PROMPTS = 5000;

const common = {
  name: storableString().trim().min(1, "give the set a name").max(120, "at most 120 characters"),
  description: storableString().trim().max(2000).default(""),
  judgesPerComparison: z.number().int().min(1, "at least 1 judge").max(10, "at most 10 judges").default(2),
};

export const createProjectSetSchema = z.object({
  source: z.literal("PROJECT"),
  ...common,
  projectId: storableString().min(1, "pick a project"),
  multiTurn: z.boolean().default(false),
  count: z.number().int().min(1, "at least 1 prompt").max(MAX_SET_PROMPTS, `at most ${MAX_SET_PROMPTS} prompts`).default(50),
  seed: storableString().trim().min(1, "the seed must not be empty").max(100).default("medrank"),
});

export const createProbeSetSchema = z.object({
  source: z.literal("SAFETY_PROBES"),
  ...common,
  /** whose adjudicators may judge (optional) */
  projectId: storableString().min(1).optional(),
});

export type CreateProjectSetInput = z.infer<typeof createProjectSetSchema>;

export const createEvalSetSchema = z.discriminatedUnion("source", [createProjectSetSchema, createProbeSetSchema]);
export type CreateEvalSetInput = z.infer<typeof createEvalSetSchema>;
export type CreateEvalSetForm = z.input<typeof createEvalSetSchema>;

const IMPORT_SET_FORMATS = ["auto", "CMTMEDQA", "ZHONGJING", "CANDIDATES_JSONL"] as const;

/** The query string sent with an imported file's bytes. */
export const importEvalSetSchema = z.object({
  name: common.name,
  description: common.description,
  fileName: storableString().trim().min(1, "fileName is required").max(200).transform((n) => n.split(/[\\/]/).pop()!),
  format: z.enum(IMPORT_SET_FORMATS, { error: `format must be one of ${IMPORT_SET_FORMATS.join(", ")}` }).default("auto"),
  multiTurn: z.enum(["true", "false"], { error: "multiTurn must be true or false" }).default("false").transform((v) => v === "true"),
  judgesPerComparison: z.coerce.number().int().min(1).max(10).default(2),
  projectId: storableString().min(1).optional(),
});
export type ImportEvalSetInput = z.infer<typeof importEvalSetSchema>;
