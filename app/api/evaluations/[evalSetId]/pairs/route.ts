// POST /api/evaluations/[evalSetId]/pairs — compare two systems of the set: the pair is recorded
//   and a comparison created for every prompt both have answers for (admin)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { requestPair } from "@/app/_lib/evaluation/pairs";
import { requestPairSchema } from "@/app/_lib/evaluation/results/results.schema";

export const POST = withRole<{ evalSetId: string }>(["ADMIN"], async ({ req, caller, params }) => {
  const body = await parseJson(req, requestPairSchema);
  return requestPair({ caller, evalSetId: params.evalSetId, ...body });
});
