// PUT /api/judging/judgments/[judgmentId]/draft — save the caller's unsubmitted verdicts and note (judge)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { saveJudgeDraftSchema } from "@/app/_lib/evaluation/judging/judging.schema";
import { saveJudgeDraft } from "@/app/_lib/evaluation/judging/work-on-judgment";

export const PUT = withRole<{ judgmentId: string }>(["JUDGE"], async ({ req, caller, params }) => {
  const { draft } = await parseJson(req, saveJudgeDraftSchema);
  return saveJudgeDraft({ judgmentId: params.judgmentId, judgeId: caller.id, draft });
});
