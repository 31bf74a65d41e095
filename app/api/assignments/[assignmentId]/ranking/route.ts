// POST /api/assignments/[assignmentId]/ranking — submit a ranking (idempotent for an identical resubmit)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { submitRankingSchema } from "@/app/_lib/assignment/submit-ranking.schema";
import { submitRanking } from "@/app/_lib/assignment/submit-ranking";
import { kickRmWork } from "@/app/_lib/reward-models/rm-worker";

export const POST = withRole<{ assignmentId: string }>(["ANNOTATOR"], async ({ req, caller, params }) => {
  const body = await parseJson(req, submitRankingSchema);
  const result = await submitRanking({ assignmentId: params.assignmentId, annotatorId: caller.id, body });
  if (result.created) kickRmWork(); // an item made final gets its reward-model agreement row in the background
  return Response.json(result, { status: result.created ? 201 : 200 });
});
