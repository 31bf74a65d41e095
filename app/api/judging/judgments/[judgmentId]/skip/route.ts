// POST /api/judging/judgments/[judgmentId]/skip — pass on a comparison: its slot goes back to the
//   pool and it is never served to the caller again (judge)
import { withRole } from "@/app/_lib/api/handler";
import { skipJudgment } from "@/app/_lib/evaluation/judging/work-on-judgment";

export const POST = withRole<{ judgmentId: string }>(["JUDGE"], async ({ caller, params }) => skipJudgment({ judgmentId: params.judgmentId, judgeId: caller.id }));
