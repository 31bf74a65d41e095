// POST /api/judging/judgments/[judgmentId]/submit — the three verdicts (left / tie / right as
//   the caller saw them) and an optional note; idempotent for an identical resubmit (judge)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { submitJudgmentSchema } from "@/app/_lib/evaluation/judging/judging.schema";
import { submitJudgment } from "@/app/_lib/evaluation/judging/work-on-judgment";

export const POST = withRole<{ judgmentId: string }>(["JUDGE"], async ({ req, caller, params }) => {
  const body = await parseJson(req, submitJudgmentSchema);
  const result = await submitJudgment({ judgmentId: params.judgmentId, judgeId: caller.id, body });
  return Response.json(result, { status: result.created ? 201 : 200 });
});
