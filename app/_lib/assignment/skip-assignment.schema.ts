// Body of POST /api/assignments/[assignmentId]/skip — shared by the skip dialog and the route.
import { z } from "zod";
import { storableString } from "@/app/_lib/api/storable-text";

export const skipAssignmentSchema = z.object({
  reason: storableString().trim().min(1, "give a reason for skipping").max(500),
});

export type SkipAssignmentBody = z.infer<typeof skipAssignmentSchema>;
