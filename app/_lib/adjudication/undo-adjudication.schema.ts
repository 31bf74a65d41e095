// Body of POST /api/projects/[projectId]/adjudications/[itemId]/undo — which decision to take back.
import { z } from "zod";

export const undoAdjudicationSchema = z.object({ adjudicationId: z.string().min(1, "must not be empty") });

export type UndoAdjudicationBody = z.output<typeof undoAdjudicationSchema>;
