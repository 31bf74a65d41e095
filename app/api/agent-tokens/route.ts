// GET  /api/agent-tokens — trainer agents with their hosts and last contact (admin)
// POST /api/agent-tokens — create an agent token; the secret is in this answer only (admin)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { createAgentTokenSchema } from "@/app/_lib/runs/agent-token.schema";
import { createAgentToken, listAgents } from "@/app/_lib/runs/agent-tokens";

export const GET = withRole(["ADMIN"], async () => ({ agents: await listAgents() }));

export const POST = withRole(["ADMIN"], async ({ req, caller }) => {
  const input = await parseJson(req, createAgentTokenSchema);
  return Response.json(await createAgentToken({ caller, input }), { status: 201 });
});
