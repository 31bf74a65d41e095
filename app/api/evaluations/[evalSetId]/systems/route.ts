// POST /api/evaluations/[evalSetId]/systems — a model system and the GENERATE run answering the set (admin)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { addModelSystem } from "@/app/_lib/evaluation/systems/add-model-system";
import { addModelSystemSchema } from "@/app/_lib/evaluation/systems/add-system.schema";

export const POST = withRole<{ evalSetId: string }>(["ADMIN"], async ({ req, caller, params }) => {
  const system = await addModelSystem({ caller, evalSetId: params.evalSetId, input: await parseJson(req, addModelSystemSchema) });
  return Response.json(system, { status: 201 });
});
