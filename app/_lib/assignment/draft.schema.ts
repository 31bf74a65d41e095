// Body of PUT /api/assignments/[assignmentId]/draft — the annotator's unsubmitted work, shared by
// the ranking form (which saves it as the annotator works) and the route. Shape only: checks
// that need the project (K) run in save-draft.ts.
import { z } from "zod";
import { storableString } from "@/app/_lib/api/storable-text";
import { FLAG_CODES } from "../ranking/rubric";
import { MAX_ANSWER_CHARS, MAX_COMMENT_CHARS, MAX_DURATION_MS } from "./submit-ranking.schema";

export const draftStateSchema = z.object({
  /** slots[i] = canonical position of the answer placed at rank slot i (0 = best); null = not placed yet */
  slots: z.array(z.number().int().min(0).nullable()).min(1).max(20),
  /** tied[i]: slot i shares the rank of slot i − 1 (projects with ties) */
  tied: z.array(z.boolean()).max(20).default([]),
  /** per-candidate flags keyed by canonical position */
  flags: z.record(storableString(), z.array(z.enum(FLAG_CODES)).max(FLAG_CODES.length)).default({}),
  allUnacceptable: z.boolean().default(false),
  replacement: storableString().max(MAX_ANSWER_CHARS).default(""),
  comment: storableString().max(MAX_COMMENT_CHARS).default(""),
  /** time the item has been open in the annotator's browser, summed over visits (reloads, devices) */
  elapsedMs: z.number().int().min(0).max(MAX_DURATION_MS).default(0),
});

export const saveDraftSchema = z.object({ state: draftStateSchema });

export type DraftState = z.output<typeof draftStateSchema>;
export type SaveDraftBody = z.output<typeof saveDraftSchema>;

/** What the assignment view carries of a saved draft. */
export type DraftView = { state: DraftState; savedAt: string };
