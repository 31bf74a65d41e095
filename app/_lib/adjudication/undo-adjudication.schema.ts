// Body of POST /api/projects/[projectId]/adjudications/[itemId]/undo — which decision to take back.
import { z } from "zod";
import { storableString } from "@/app/_lib/api/storable-text";

export const undoAdjudicationSchema = z.object({ adjudicationId: storableString().min(1, "must not be empty") });

export type UndoAdjudicationBody = z.output<typeof undoAdjudicationSchema>;
