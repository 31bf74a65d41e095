// POST /api/agent/runs/[runId]/fail — (agent token) the run failed (CANCELLED when a cancel was requested), with the reason
import { parseJson } from "@/app/_lib/api/handler";
import { failSchema } from "@/app/_lib/runs/agent-api.schema";
import { withAgent } from "@/app/_lib/runs/agent-auth";
import { failRun } from "@/app/_lib/runs/agent-run-events";

export const POST = withAgent<{ runId: string }>(async ({ req, agent, params }) =>
  failRun({ agent, runId: params.runId, input: await parseJson(req, failSchema) }),
);
