// POST /api/agent/runs/[runId]/answers — (agent token, lease holder) a GENERATE run's answers;
//   idempotent per (system, prompt)
import { BODY_LIMITS } from "@/app/_lib/api/body-limit";
import { parseJson } from "@/app/_lib/api/handler";
import { postAnswers } from "@/app/_lib/evaluation/systems/post-answers";
import { postAnswersSchema } from "@/app/_lib/evaluation/systems/post-answers.schema";
import { withAgent } from "@/app/_lib/runs/agent-auth";

export const POST = withAgent<{ runId: string }>(async ({ req, agent, params }) =>
  postAnswers({ agent, runId: params.runId, input: await parseJson(req, postAnswersSchema, BODY_LIMITS.agentBatch) }),
);
