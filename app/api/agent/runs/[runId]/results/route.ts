// POST /api/agent/runs/[runId]/results — (agent token) sampled candidates, attached to the run's items
import { BODY_LIMITS } from "@/app/_lib/api/body-limit";
import { parseJson } from "@/app/_lib/api/handler";
import { postResultsSchema } from "@/app/_lib/runs/agent-api.schema";
import { withAgent } from "@/app/_lib/runs/agent-auth";
import { postRunResults } from "@/app/_lib/runs/post-run-results";

export const POST = withAgent<{ runId: string }>(async ({ req, agent, params }) =>
  postRunResults({ agent, runId: params.runId, input: await parseJson(req, postResultsSchema, BODY_LIMITS.agentBatch) }),
);
