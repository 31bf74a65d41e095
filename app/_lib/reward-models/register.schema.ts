// Body of POST /api/reward-models: an exported folder on the app's host to register.
import { z } from "zod";

export const registerSchema = z.object({
  dir: z.string().trim().min(1, "the folder is required").max(4096),
  name: z.string().trim().max(200).optional(),
  projectId: z.string().trim().min(1).max(100).optional(),
});
export type RegisterInput = z.infer<typeof registerSchema>;

/** Body of POST /api/reward-models/[modelId]/score. */
export const scoreRequestSchema = z.object({
  inputs: z
    .array(
      z.object({
        messages: z.array(z.object({ role: z.enum(["user", "assistant"]), content: z.string().max(100_000) })).min(1).max(200),
        answer: z.string().max(100_000),
      }),
    )
    .min(1)
    .max(256),
  variant: z.enum(["fp32", "int8"]).default("fp32"),
});
