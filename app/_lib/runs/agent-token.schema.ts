// POST /api/agent-tokens — a name that says where the agent runs ("gpu-box-3, 8×H100").
import { z } from "zod";
import { storableString } from "@/app/_lib/api/storable-text";

export const createAgentTokenSchema = z.object({
  name: storableString().trim().min(1, "give the agent a name").max(100),
});
export type CreateAgentTokenInput = z.infer<typeof createAgentTokenSchema>;
