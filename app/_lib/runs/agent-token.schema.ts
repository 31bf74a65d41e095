// POST /api/agent-tokens — a name that says where the agent runs ("gpu-box-3, 8×H100").
import { z } from "zod";

export const createAgentTokenSchema = z.object({
  name: z.string().trim().min(1, "give the agent a name").max(100),
});
export type CreateAgentTokenInput = z.infer<typeof createAgentTokenSchema>;
