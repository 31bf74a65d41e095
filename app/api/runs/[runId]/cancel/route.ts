// POST /api/runs/[runId]/cancel — cancel a queued run now, or ask the agent to stop a running one (admin)
import { withRole } from "@/app/_lib/api/handler";
import { cancelRun } from "@/app/_lib/runs/cancel-run";

export const POST = withRole<{ runId: string }>(["ADMIN"], async ({ caller, params }) => ({ run: await cancelRun({ caller, runId: params.runId }) }));
