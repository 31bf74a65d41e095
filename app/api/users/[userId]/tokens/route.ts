// POST /api/users/[userId]/tokens — an admin creates an API token for another user (admin, browser session; audited)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { createToken } from "@/app/_lib/tokens/create-token";
import { createTokenSchema } from "@/app/_lib/tokens/create-token.schema";

export const POST = withRole<{ userId: string }>(["ADMIN"], async ({ req, caller, params }) => {
  const { name } = await parseJson(req, createTokenSchema);
  return Response.json({ token: await createToken({ caller, name, userId: params.userId }) }, { status: 201 });
});
