// POST /api/projects/[projectId]/queue/next — resume the caller's lease or lease them the next item
import { withRole } from "@/app/_lib/api/handler";
import { nextItem } from "@/app/_lib/assignment/next-item";

export const POST = withRole<{ projectId: string }>(["ANNOTATOR"], async ({ caller, params }) =>
  nextItem({ projectId: params.projectId, annotatorId: caller.id }),
);
