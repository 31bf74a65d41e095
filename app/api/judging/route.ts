// GET /api/judging — the evaluation sets open to blind judging, with the caller's progress (judge)
import { withRole } from "@/app/_lib/api/handler";
import { judgeSets } from "@/app/_lib/evaluation/judging/judge-sets";

export const GET = withRole(["JUDGE"], async ({ caller }) => ({ sets: await judgeSets({ judgeId: caller.id }) }));
