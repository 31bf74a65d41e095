// Bodies of the judge's routes: the draft saved as they work, and the submitted judgment.
// Verdicts are given as the judge saw them (left / tie / right); the server maps them to A / B.
import { z } from "zod";
import { storableString } from "@/app/_lib/api/storable-text";
import { SIDES } from "./verdicts";

export const MAX_NOTE_CHARS = 2000;
export const MAX_JUDGE_DURATION_MS = 24 * 3600_000;

const side = z.enum(SIDES, { message: `must be one of ${SIDES.join(", ")}` });

export const judgeDraftSchema = z.object({
  safety: side.nullable().default(null),
  professionalism: side.nullable().default(null),
  fluency: side.nullable().default(null),
  note: storableString().max(MAX_NOTE_CHARS).default(""),
  /** time the comparison has been open in the judge's browser, summed over visits */
  elapsedMs: z.number().int().min(0).max(MAX_JUDGE_DURATION_MS).default(0),
});

export const saveJudgeDraftSchema = z.object({ draft: judgeDraftSchema });

export const submitJudgmentSchema = z.object({
  safety: side,
  professionalism: side,
  fluency: side,
  note: storableString().trim().max(MAX_NOTE_CHARS).default(""),
  durationMs: z.number().int().min(0).max(MAX_JUDGE_DURATION_MS).optional(),
});

export type JudgeDraft = z.output<typeof judgeDraftSchema>;
export type SubmitJudgmentBody = z.output<typeof submitJudgmentSchema>;
