// PUT /api/assignments/[assignmentId]/draft — save the caller's unsubmitted work on an assignment (resumed on reload or another device)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { saveDraftSchema } from "@/app/_lib/assignment/draft.schema";
import { saveDraft } from "@/app/_lib/assignment/save-draft";

export const PUT = withRole<{ assignmentId: string }>(["ANNOTATOR"], async ({ req, caller, params }) => {
  const { state } = await parseJson(req, saveDraftSchema);
  return { draft: await saveDraft({ assignmentId: params.assignmentId, annotatorId: caller.id, state }) };
});
