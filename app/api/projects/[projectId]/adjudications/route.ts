// GET /api/projects/[projectId]/adjudications?take=&skip= — disputed items the calling adjudicator may settle
import { parseSearch, withRole } from "@/app/_lib/api/handler";
import { adjudicationQueueQuerySchema } from "@/app/_lib/adjudication/list-adjudication-queue.schema";
import { listAdjudicationQueue } from "@/app/_lib/adjudication/list-adjudication-queue";

export const GET = withRole<{ projectId: string }>(["ADJUDICATOR"], async ({ req, caller, params }) => {
  const { take, skip } = parseSearch(req, adjudicationQueueQuerySchema);
  return listAdjudicationQueue({ projectId: params.projectId, adjudicatorId: caller.id, take, skip });
});
