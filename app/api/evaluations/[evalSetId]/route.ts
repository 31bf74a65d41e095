// GET /api/evaluations/[evalSetId] — one set: its prompts (the first 100), systems and their answers (admin)
import { withRole } from "@/app/_lib/api/handler";
import { getEvalSet } from "@/app/_lib/evaluation/sets/eval-set-view";

export const GET = withRole<{ evalSetId: string }>(["ADMIN"], async ({ params }) => getEvalSet(params.evalSetId));
