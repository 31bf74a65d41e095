// GET  /api/evaluations — evaluation sets, newest first (admin)
// POST /api/evaluations — a set from a project's held-out turns or the shipped safety probes (admin)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { createEvalSet } from "@/app/_lib/evaluation/sets/create-eval-set";
import { createEvalSetSchema } from "@/app/_lib/evaluation/sets/create-eval-set.schema";
import { listEvalSets } from "@/app/_lib/evaluation/sets/eval-set-view";

export const GET = withRole(["ADMIN"], async () => ({ sets: await listEvalSets() }));

export const POST = withRole(["ADMIN"], async ({ req, caller }) => {
  const set = await createEvalSet({ caller, input: await parseJson(req, createEvalSetSchema) });
  return Response.json(set, { status: 201 });
});
