// DELETE /api/reward-models/[modelId] — remove a reward model (an uploaded model's files with it) (admin)
import { withRole } from "@/app/_lib/api/handler";
import { deleteRewardModel } from "@/app/_lib/reward-models/registry";

export const DELETE = withRole<{ modelId: string }>(["ADMIN"], async ({ params }) => deleteRewardModel(params.modelId));
