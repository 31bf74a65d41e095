// POST /api/agent/runs/[runId]/heartbeat — (agent token) extend the lease; the answer carries cancelRequested
import { parseJson } from "@/app/_lib/api/handler";
import { heartbeatSchema } from "@/app/_lib/runs/agent-api.schema";
import { withAgent } from "@/app/_lib/runs/agent-auth";
import { heartbeatRun } from "@/app/_lib/runs/agent-run-events";

export const POST = withAgent<{ runId: string }>(async ({ req, agent, params }) =>
  heartbeatRun({ agent, runId: params.runId, input: await parseJson(req, heartbeatSchema) }),
);
