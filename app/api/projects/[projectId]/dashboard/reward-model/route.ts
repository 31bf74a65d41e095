// GET /api/projects/[projectId]/dashboard/reward-model?rewardModelId=… — a reward model's agreement
//   with the final rankings it did not train on, beside the annotators' (admin)
import { z } from "zod";
import { parseSearch, withRole } from "@/app/_lib/api/handler";
import { getRmDashboard } from "@/app/_lib/metrics/get-rm-dashboard";

const querySchema = z.object({ rewardModelId: z.string().trim().min(1).max(64).optional() }).strict();

export const GET = withRole<{ projectId: string }>(["ADMIN"], async ({ req, params }) =>
  getRmDashboard({ projectId: params.projectId, rewardModelId: parseSearch(req, querySchema).rewardModelId }),
);
