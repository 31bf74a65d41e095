// Body of POST /api/projects/[projectId]/adjudications/[itemId] — shared by the
// adjudication form and the route. Either adopt one annotator's ranking as it is,
// or set a new order (optionally with a replacement answer). Checks that need the
// project (K, ties) run in submit-adjudication.ts.
import { z } from "zod";
import { storableString } from "@/app/_lib/api/storable-text";

const MAX_ANSWER_CHARS = 8000;
const note = storableString().max(4000).default("");

export const submitAdjudicationSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("adopt"), rankingId: storableString().min(1), note }),
  z.object({
    mode: z.literal("custom"),
    /** ranks[i] = final rank of the candidate with canonical position i */
    ranks: z.array(z.number().int()).min(1).max(20),
    replacement: storableString().max(MAX_ANSWER_CHARS).nullish(),
    note,
  }),
]);

export type SubmitAdjudicationInput = z.input<typeof submitAdjudicationSchema>;
export type SubmitAdjudicationBody = z.output<typeof submitAdjudicationSchema>;
