// POST /api/assignments/[assignmentId]/skip — skip an item with a reason (never served to the caller again)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { skipAssignmentSchema } from "@/app/_lib/assignment/skip-assignment.schema";
import { skipAssignment } from "@/app/_lib/assignment/skip-assignment";

export const POST = withRole<{ assignmentId: string }>(["ANNOTATOR"], async ({ req, caller, params }) => {
  const { reason } = await parseJson(req, skipAssignmentSchema);
  return { assignment: await skipAssignment({ assignmentId: params.assignmentId, annotatorId: caller.id, reason }) };
});
