// GET /api/runs/[runId]/samples?take=200 — a PPO run's prompt/answer/reward samples, or a sampling run's candidates (admin)
import { parseSearch, withRole } from "@/app/_lib/api/handler";
import { runSamplesQuerySchema } from "@/app/_lib/runs/list-runs.schema";
import { getRunSamples } from "@/app/_lib/runs/run-samples";

export const GET = withRole<{ runId: string }>(["ADMIN"], async ({ req, params }) =>
  getRunSamples({ runId: params.runId, ...parseSearch(req, runSamplesQuerySchema) }),
);
