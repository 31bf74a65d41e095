// POST /api/agent/runs/[runId]/samples — (agent token) a batch of a PPO run's samples.jsonl lines (idempotent by attempt + seq)
import { BODY_LIMITS } from "@/app/_lib/api/body-limit";
import { parseJson } from "@/app/_lib/api/handler";
import { postSamplesSchema } from "@/app/_lib/runs/agent-api.schema";
import { withAgent } from "@/app/_lib/runs/agent-auth";
import { postRunSamples } from "@/app/_lib/runs/agent-run-events";

export const POST = withAgent<{ runId: string }>(async ({ req, agent, params }) =>
  postRunSamples({ agent, runId: params.runId, input: await parseJson(req, postSamplesSchema, BODY_LIMITS.agentBatch) }),
);
