// POST /api/projects/[projectId]/adjudications/[itemId]/undo — take one's own decision back within
// the undo window; the item returns to the adjudication queue (409 once the window has closed)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { undoAdjudicationSchema } from "@/app/_lib/adjudication/undo-adjudication.schema";
import { undoAdjudication } from "@/app/_lib/adjudication/undo-adjudication";

export const POST = withRole<{ projectId: string; itemId: string }>(["ADJUDICATOR"], async ({ req, caller, params }) => {
  const { adjudicationId } = await parseJson(req, undoAdjudicationSchema);
  return undoAdjudication({ itemId: params.itemId, projectId: params.projectId, adjudicatorId: caller.id, adjudicationId });
});
