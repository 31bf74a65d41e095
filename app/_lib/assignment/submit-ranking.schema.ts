// Body of POST /api/assignments/[assignmentId]/ranking — shared by the ranking form and the route.
// Shape only: checks that need the project (K, ties) run in submit-ranking.ts.
import { z } from "zod";
import { storableString } from "@/app/_lib/api/storable-text";
import { FLAG_CODES } from "../ranking/rubric";

export const MAX_ANSWER_CHARS = 8000;
export const MAX_COMMENT_CHARS = 4000;
/** A day: anything longer is a clock problem, not time spent ranking. */
export const MAX_DURATION_MS = 24 * 60 * 60 * 1000;

export const submitRankingSchema = z.object({
  /**
   * ranks[i] = rank of the candidate with canonical position i (1 = best, equal = tie). null (or a
   * missing entry) = the annotator has not placed that answer: refused with reason NOT_PLACED, so a
   * client can send its board as it is and the server names what is missing.
   */
  ranks: z.array(z.number().int().nullable()).min(1).max(20),
  /** per-candidate flags keyed by canonical position: { "2": ["unsafe"] } */
  flags: z.record(storableString(), z.array(z.enum(FLAG_CODES)).max(FLAG_CODES.length)).default({}),
  /** "all candidates are unacceptable": the annotator's own answer, ranked above all K */
  replacement: storableString().max(MAX_ANSWER_CHARS).nullish(),
  comment: storableString().max(MAX_COMMENT_CHARS).nullish(),
  /** time from when the item was shown to the submit, in milliseconds */
  durationMs: z.number().int().min(0).max(MAX_DURATION_MS),
});

export type SubmitRankingInput = z.input<typeof submitRankingSchema>;
export type SubmitRankingBody = z.output<typeof submitRankingSchema>;
