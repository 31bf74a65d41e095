// POST /api/reward-models/[modelId]/score — score up to 256 (dialogue, answer) pairs with a READY model (admin)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { scoreRequestSchema } from "@/app/_lib/reward-models/register.schema";
import { scoreAnswers } from "@/app/_lib/reward-models/scoring";

export const POST = withRole<{ modelId: string }>(["ADMIN"], async ({ req, params }) => {
  const input = await parseJson(req, scoreRequestSchema);
  return { scores: await scoreAnswers(params.modelId, input.inputs, { variant: input.variant }) };
});
