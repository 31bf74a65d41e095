// DELETE /api/tokens/[tokenId] — revoke one of the caller's own tokens (any signed-in user)
import { withRole } from "@/app/_lib/api/handler";
import { revokeToken } from "@/app/_lib/tokens/revoke-token";

export const DELETE = withRole<{ tokenId: string }>("any", async ({ caller, params }) => ({
  token: await revokeToken({ userId: caller.id, tokenId: params.tokenId }),
}));
