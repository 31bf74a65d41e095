// POST /api/agent/runs/[runId]/metrics — (agent token) a batch of metrics.jsonl lines (idempotent by attempt + seq)
import { BODY_LIMITS } from "@/app/_lib/api/body-limit";
import { parseJson } from "@/app/_lib/api/handler";
import { postMetricsSchema } from "@/app/_lib/runs/agent-api.schema";
import { withAgent } from "@/app/_lib/runs/agent-auth";
import { postRunMetrics } from "@/app/_lib/runs/agent-run-events";

export const POST = withAgent<{ runId: string }>(async ({ req, agent, params }) =>
  postRunMetrics({ agent, runId: params.runId, input: await parseJson(req, postMetricsSchema, BODY_LIMITS.agentBatch) }),
);
