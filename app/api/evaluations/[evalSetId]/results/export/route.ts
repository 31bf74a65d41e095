// GET /api/evaluations/[evalSetId]/results/export?pairId=…&format=csv|json[&rewardModelId=…] —
//   the pair's judgments and results as a file; the same judgments always give the same bytes,
//   whose sha256 is sent as X-Content-SHA256 and ends the file name (admin)
import { parseSearch, withRole } from "@/app/_lib/api/handler";
import { resultsCsv, resultsJson } from "@/app/_lib/evaluation/results/export-files";
import { loadPairData } from "@/app/_lib/evaluation/results/pair-results";
import { exportQuerySchema } from "@/app/_lib/evaluation/results/results.schema";

export const GET = withRole<{ evalSetId: string }>(["ADMIN"], async ({ req, params }) => {
  const q = parseSearch(req, exportQuerySchema);
  const data = await loadPairData({ evalSetId: params.evalSetId, pairId: q.pairId, rewardModelId: q.rewardModelId });
  const file = q.format === "csv" ? resultsCsv(data) : resultsJson(data);
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      ETag: `"${file.contentHash}"`,
      "X-Content-SHA256": file.contentHash,
      "Cache-Control": "no-store",
    },
  });
});
