// GET  /api/projects/[projectId]/adjudications/[itemId] — a disputed item with its rankings side by side
// POST /api/projects/[projectId]/adjudications/[itemId] — set its final order (409 when already adjudicated);
//      the answer names the adjudicator's next disputed item and the end of the undo window
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { getAdjudicationItem } from "@/app/_lib/adjudication/get-adjudication-item";
import { nextDisputedItem } from "@/app/_lib/adjudication/list-adjudication-queue";
import { submitAdjudicationSchema } from "@/app/_lib/adjudication/submit-adjudication.schema";
import { submitAdjudication } from "@/app/_lib/adjudication/submit-adjudication";
import { kickRmWork } from "@/app/_lib/reward-models/rm-worker";

type Params = { projectId: string; itemId: string };

export const GET = withRole<Params>(["ADJUDICATOR"], async ({ caller, params }) =>
  getAdjudicationItem({ itemId: params.itemId, projectId: params.projectId, adjudicatorId: caller.id }),
);

export const POST = withRole<Params>(["ADJUDICATOR"], async ({ req, caller, params }) => {
  const body = await parseJson(req, submitAdjudicationSchema);
  const result = await submitAdjudication({ itemId: params.itemId, projectId: params.projectId, adjudicatorId: caller.id, body });
  if (result.created) kickRmWork(); // the final item's reward-model agreement row, in the background
  // straight on: the adjudicator's next disputed item, so the page need not return to the list
  const nextItemId = await nextDisputedItem({ projectId: params.projectId, adjudicatorId: caller.id, except: params.itemId });
  return Response.json({ ...result, nextItemId }, { status: result.created ? 201 : 200 });
});
