// POST /api/agent/runs/[runId]/complete — (agent token) the run succeeded: summary, output directory, artifacts
import { BODY_LIMITS } from "@/app/_lib/api/body-limit";
import { parseJson } from "@/app/_lib/api/handler";
import { completeSchema } from "@/app/_lib/runs/agent-api.schema";
import { withAgent } from "@/app/_lib/runs/agent-auth";
import { completeRun } from "@/app/_lib/runs/agent-run-events";

export const POST = withAgent<{ runId: string }>(async ({ req, agent, params }) =>
  completeRun({ agent, runId: params.runId, input: await parseJson(req, completeSchema, BODY_LIMITS.agentBatch) }),
);
