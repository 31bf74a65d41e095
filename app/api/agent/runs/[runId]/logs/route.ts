// POST /api/agent/runs/[runId]/logs — (agent token) a batch of log lines (idempotent by attempt + seq)
import { BODY_LIMITS } from "@/app/_lib/api/body-limit";
import { parseJson } from "@/app/_lib/api/handler";
import { postLogsSchema } from "@/app/_lib/runs/agent-api.schema";
import { withAgent } from "@/app/_lib/runs/agent-auth";
import { postRunLogs } from "@/app/_lib/runs/agent-run-events";

export const POST = withAgent<{ runId: string }>(async ({ req, agent, params }) =>
  postRunLogs({ agent, runId: params.runId, input: await parseJson(req, postLogsSchema, BODY_LIMITS.agentBatch) }),
);
