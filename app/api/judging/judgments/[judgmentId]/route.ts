// GET /api/judging/judgments/[judgmentId] — one of the caller's judgments (404 for anyone else's) (judge)
import { withRole } from "@/app/_lib/api/handler";
import { db } from "@/app/_lib/db";
import { loadJudgmentView } from "@/app/_lib/evaluation/judging/judgment-view";

export const GET = withRole<{ judgmentId: string }>(["JUDGE"], async ({ caller, params }) => ({
  judgment: await loadJudgmentView(db, { judgmentId: params.judgmentId, judgeId: caller.id }),
}));
