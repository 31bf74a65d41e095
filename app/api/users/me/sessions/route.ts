// DELETE /api/users/me/sessions — sign out everywhere: ends every session of the caller, this one included (any signed-in user)
import { withRole } from "@/app/_lib/api/handler";
import { signOutEverywhere } from "@/app/_lib/auth/session-version";

export const DELETE = withRole("any", async ({ caller }) => {
  await signOutEverywhere({ userId: caller.id });
  return new Response(null, { status: 204 });
});
