// POST /api/users/[userId]/password — set a new password for a user (admin)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { resetPassword } from "@/app/_lib/users/reset-password";
import { resetPasswordSchema } from "@/app/_lib/users/reset-password.schema";

export const POST = withRole<{ userId: string }>(["ADMIN"], async ({ req, caller, params }) => {
  const { password } = await parseJson(req, resetPasswordSchema);
  await resetPassword({ actorId: caller.id, userId: params.userId, password });
  return new Response(null, { status: 204 });
});
