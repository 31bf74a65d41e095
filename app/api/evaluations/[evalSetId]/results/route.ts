// GET /api/evaluations/[evalSetId]/results?pairId=…[&rewardModelId=…] — win/tie/loss per
//   dimension with intervals, sign test, κ, breakdowns and the RM verdict of one pair (admin)
import { parseSearch, withRole } from "@/app/_lib/api/handler";
import { loadPairData } from "@/app/_lib/evaluation/results/pair-results";
import { resultsQuerySchema } from "@/app/_lib/evaluation/results/results.schema";

export const GET = withRole<{ evalSetId: string }>(["ADMIN"], async ({ req, params }) => {
  const q = parseSearch(req, resultsQuerySchema);
  const { set, pair, rewardModel, results } = await loadPairData({ evalSetId: params.evalSetId, pairId: q.pairId, rewardModelId: q.rewardModelId });
  return { set, pair, rewardModel, results };
});
