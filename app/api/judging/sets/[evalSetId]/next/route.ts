// POST /api/judging/sets/[evalSetId]/next — the caller's current comparison in the set, or a new
//   one leased to them; { judgment: null } when none is left for them (judge). Blind: two
//   answers as "left" and "right", never a system's name or id.
import { withRole } from "@/app/_lib/api/handler";
import { nextComparison } from "@/app/_lib/evaluation/judging/next-comparison";

export const POST = withRole<{ evalSetId: string }>(["JUDGE"], async ({ caller, params }) => nextComparison({ evalSetId: params.evalSetId, judgeId: caller.id }));
