// GET /api/runs/[runId]/metrics?after=<id> — metric points after the last id the chart has (admin)
import { parseSearch, withRole } from "@/app/_lib/api/handler";
import { runMetricsQuerySchema } from "@/app/_lib/runs/list-runs.schema";
import { getRunMetrics } from "@/app/_lib/runs/run-metrics";

export const GET = withRole<{ runId: string }>(["ADMIN"], async ({ req, params }) =>
  getRunMetrics({ runId: params.runId, ...parseSearch(req, runMetricsQuerySchema) }),
);
