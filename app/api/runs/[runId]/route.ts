// GET /api/runs/[runId] — one run: status, pinned inputs, lease, progress with ETA, artifacts (admin)
import { withRole } from "@/app/_lib/api/handler";
import { getRun } from "@/app/_lib/runs/get-run";

export const GET = withRole<{ runId: string }>(["ADMIN"], async ({ params }) => ({ run: await getRun({ runId: params.runId }) }));
