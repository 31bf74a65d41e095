// GET /api/evaluations/[evalSetId]/prompts — every prompt of the set as JSONL, in set order, the
//   lines a GENERATE run reads (`{"prompt_id", "messages", "meta"}`), so that a model outside
//   MedRank can answer them and its answers be imported (admin); X-Content-SHA256 = the bytes' hash
import { createHash } from "node:crypto";
import { withRole } from "@/app/_lib/api/handler";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import { promptsJsonl } from "@/app/_lib/evaluation/systems/generate-input";

export const GET = withRole<{ evalSetId: string }>(["ADMIN"], async ({ params }) => {
  const set = await db.evalSet.findUnique({ where: { id: params.evalSetId }, select: { id: true } });
  if (!set) throw new AppError("NOT_FOUND", `Evaluation set ${params.evalSetId} not found`);
  const body = await promptsJsonl(db, set.id);
  const hash = createHash("sha256").update(body).digest("hex");
  return new Response(body, {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="eval-${set.id}-prompts-${hash.slice(0, 12)}.jsonl"`,
      "X-Content-SHA256": hash,
      "Cache-Control": "no-store",
    },
  });
});
