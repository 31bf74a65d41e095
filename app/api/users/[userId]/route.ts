// PATCH /api/users/[userId] — rename, set roles, deactivate or reactivate a user (admin)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { updateUser } from "@/app/_lib/users/update-user";
import { updateUserSchema } from "@/app/_lib/users/update-user.schema";

export const PATCH = withRole<{ userId: string }>(["ADMIN"], async ({ req, caller, params }) => {
  const data = await parseJson(req, updateUserSchema);
  return { user: await updateUser({ actorId: caller.id, userId: params.userId, data }) };
});
