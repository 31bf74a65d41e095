// GET /api/projects/[projectId]/queue — what is left for the calling annotator in this project
import { withRole } from "@/app/_lib/api/handler";
import { queueStats } from "@/app/_lib/assignment/queue-stats";

export const GET = withRole<{ projectId: string }>(["ANNOTATOR"], async ({ caller, params }) =>
  queueStats({ projectId: params.projectId, annotatorId: caller.id }),
);
