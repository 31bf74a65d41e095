// POST /api/evaluations/[evalSetId]/rm-scores — score every answer of a pair's two systems with a
//   READY reward model (only those not scored by it yet; stored for the results page) (admin)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { scoreRequestSchema } from "@/app/_lib/evaluation/results/results.schema";
import { scorePairAnswers } from "@/app/_lib/evaluation/results/rm-scores";

export const POST = withRole<{ evalSetId: string }>(["ADMIN"], async ({ req, params }) => {
  const body = await parseJson(req, scoreRequestSchema);
  return scorePairAnswers({ evalSetId: params.evalSetId, ...body });
});
