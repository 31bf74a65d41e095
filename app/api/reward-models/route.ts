// GET  /api/reward-models — every reward model: run, snapshot, size, formats, status, held-out figures (admin)
// POST /api/reward-models — register an exported folder on the app's host {dir, name?, projectId?} (admin)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { registerSchema } from "@/app/_lib/reward-models/register.schema";
import { listRewardModels, registerFolder } from "@/app/_lib/reward-models/registry";

export const GET = withRole(["ADMIN"], async () => ({ rewardModels: await listRewardModels() }));

export const POST = withRole(["ADMIN"], async ({ req, caller }) => {
  const input = await parseJson(req, registerSchema);
  const model = await registerFolder({ ...input, createdById: caller.id });
  return Response.json({ id: model.id, name: model.name, status: model.status }, { status: 201 });
});
