// GET /api/runs/[runId]/logs?tail=200[&after=<id>] — the tail of the run's log (admin)
import { parseSearch, withRole } from "@/app/_lib/api/handler";
import { runLogsQuerySchema } from "@/app/_lib/runs/list-runs.schema";
import { getRunLogs } from "@/app/_lib/runs/run-logs";

export const GET = withRole<{ runId: string }>(["ADMIN"], async ({ req, params }) =>
  getRunLogs({ runId: params.runId, ...parseSearch(req, runLogsQuerySchema) }),
);
