// GET /api/assignments/[assignmentId] — one of the caller's assignments (404 for anyone else's)
import { withRole } from "@/app/_lib/api/handler";
import { getAssignment } from "@/app/_lib/assignment/get-assignment";

export const GET = withRole<{ assignmentId: string }>(["ANNOTATOR"], async ({ caller, params }) => ({
  assignment: await getAssignment({ assignmentId: params.assignmentId, annotatorId: caller.id }),
}));
