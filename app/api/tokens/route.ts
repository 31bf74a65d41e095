// GET /api/tokens — the caller's own API tokens (any signed-in user)
// POST /api/tokens — create a token; the secret is in this answer only (signed-in browser session, not a token)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { createToken } from "@/app/_lib/tokens/create-token";
import { createTokenSchema } from "@/app/_lib/tokens/create-token.schema";
import { listTokens } from "@/app/_lib/tokens/list-tokens";

export const GET = withRole("any", async ({ caller }) => ({ tokens: await listTokens({ userId: caller.id }) }));

export const POST = withRole("any", async ({ req, caller }) => {
  const { name } = await parseJson(req, createTokenSchema);
  return Response.json({ token: await createToken({ caller, name }) }, { status: 201 });
});
