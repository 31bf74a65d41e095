// POST /api/agent-tokens/[agentId]/revoke — revoke an agent's token; its next call gets 401 (admin)
import { withRole } from "@/app/_lib/api/handler";
import { revokeAgentToken } from "@/app/_lib/runs/agent-tokens";

export const POST = withRole<{ agentId: string }>(["ADMIN"], async ({ caller, params }) => ({
  agent: await revokeAgentToken({ caller, agentId: params.agentId }),
}));
