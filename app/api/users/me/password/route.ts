// POST /api/users/me/password — change one's own password (any signed-in user, also one who
// must replace a one-time password; ends all of the user's sessions)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { changePassword } from "@/app/_lib/users/change-password";
import { changePasswordSchema } from "@/app/_lib/users/change-password.schema";

export const POST = withRole("any", async ({ req, caller }) => {
  const { currentPassword, newPassword } = await parseJson(req, changePasswordSchema);
  await changePassword({ userId: caller.id, currentPassword, newPassword });
  return new Response(null, { status: 204 });
});
