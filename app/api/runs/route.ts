// GET  /api/runs?status=&kind=&projectId=&take= — runs, newest first (admin); lapsed leases are swept first
// POST /api/runs — launch an RM / PPO / sampling run with its inputs pinned (admin)
import { parseJson, parseSearch, withRole } from "@/app/_lib/api/handler";
import { launchRun } from "@/app/_lib/runs/launch-run";
import { launchRunSchema } from "@/app/_lib/runs/launch-run.schema";
import { listRuns } from "@/app/_lib/runs/list-runs";
import { listRunsSchema } from "@/app/_lib/runs/list-runs.schema";

export const GET = withRole(["ADMIN"], async ({ req }) => ({ runs: await listRuns({ filter: parseSearch(req, listRunsSchema) }) }));

export const POST = withRole(["ADMIN"], async ({ req, caller }) => {
  const input = await parseJson(req, launchRunSchema);
  return Response.json({ run: await launchRun({ caller, input }) }, { status: 201 });
});
