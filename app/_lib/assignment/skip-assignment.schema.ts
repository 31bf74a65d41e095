// Body of POST /api/assignments/[assignmentId]/skip — shared by the skip dialog and the route.
import { z } from "zod";

export const skipAssignmentSchema = z.object({
  reason: z.string().trim().min(1, "give a reason for skipping").max(500),
});

export type SkipAssignmentBody = z.infer<typeof skipAssignmentSchema>;
