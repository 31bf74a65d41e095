// Item.prompt (JSON) → chat history + the patient's current message.
// The prompt is written by the importers; reading it through a schema turns a
// malformed row into a clear error instead of a broken page.
import { z } from "zod";
import { AppError } from "../errors";
import type { ChatMessage } from "./assignment-view";

const promptSchema = z
  .array(z.object({ role: z.enum(["user", "assistant"]), content: z.string() }))
  .min(1)
  .refine((m) => m[m.length - 1].role === "user", "the last message must be the patient's");

export function splitPrompt(itemId: string, prompt: unknown): { history: ChatMessage[]; patientMessage: string } {
  const parsed = promptSchema.safeParse(prompt);
  if (!parsed.success) {
    throw new AppError("VALIDATION", `item ${itemId}: prompt is malformed (${parsed.error.issues[0]?.message ?? "invalid"})`);
  }
  const messages = parsed.data;
  return { history: messages.slice(0, -1), patientMessage: messages[messages.length - 1].content };
}
