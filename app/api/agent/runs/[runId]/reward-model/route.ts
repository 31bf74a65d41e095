// POST /api/agent/runs/[runId]/reward-model — (agent token) announce the RM run's exported model:
//   manifest + files; repeating it resumes the upload (docs/api.md)
import { parseJson } from "@/app/_lib/api/handler";
import { withAgent } from "@/app/_lib/runs/agent-auth";
import { announceSchema, announceUpload } from "@/app/_lib/reward-models/agent-upload";

export const POST = withAgent<{ runId: string }>(async ({ req, agent, params }) =>
  announceUpload({ agent, runId: params.runId, input: await parseJson(req, announceSchema) }),
);
