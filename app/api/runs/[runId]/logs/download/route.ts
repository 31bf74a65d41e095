// GET /api/runs/[runId]/logs/download — the run's whole log as a text file, UTC timestamps (admin)
import { withRole } from "@/app/_lib/api/handler";
import { runLogFile } from "@/app/_lib/runs/run-logs";

export const GET = withRole<{ runId: string }>(["ADMIN"], async ({ params }) => {
  const file = await runLogFile({ runId: params.runId });
  return new Response(file.body, {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Content-Disposition": `attachment; filename="${file.fileName}"` },
  });
});
