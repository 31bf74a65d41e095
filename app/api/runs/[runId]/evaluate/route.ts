// POST /api/runs/[runId]/evaluate — evaluate a finished PPO run's policy against its base model:
//   a held-out set, two systems, two GENERATE runs, the pair requested for judging (admin)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { evaluateRun } from "@/app/_lib/evaluation/evaluate-run";
import { evaluateRunSchema } from "@/app/_lib/evaluation/evaluate-run.schema";

export const POST = withRole<{ runId: string }>(["ADMIN"], async ({ req, caller, params }) => {
  const result = await evaluateRun({ caller, runId: params.runId, input: await parseJson(req, evaluateRunSchema) });
  return Response.json(result, { status: 201 });
});
