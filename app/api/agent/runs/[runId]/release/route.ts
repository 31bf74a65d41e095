// POST /api/agent/runs/[runId]/release — (agent token) the agent is stopping: requeue the run (bounded attempts)
import { parseJson } from "@/app/_lib/api/handler";
import { releaseSchema } from "@/app/_lib/runs/agent-api.schema";
import { withAgent } from "@/app/_lib/runs/agent-auth";
import { releaseRun } from "@/app/_lib/runs/agent-run-events";

export const POST = withAgent<{ runId: string }>(async ({ req, agent, params }) =>
  releaseRun({ agent, runId: params.runId, input: await parseJson(req, releaseSchema) }),
);
