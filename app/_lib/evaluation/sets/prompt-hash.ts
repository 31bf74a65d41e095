// The sha256 that pins an evaluation set's prompts: what was evaluated can be proved later.
// Computed over the prompts in set order as canonical JSON lines (keys in a fixed order), so the
// same prompts always give the same hash, whichever source they came from.
import { createHash } from "node:crypto";
import type { ChatMessage } from "@/app/_lib/chat";

export type EvalPromptInput = {
  externalId: string;
  messages: ChatMessage[];
  department: string | null;
  kind: "dialogue" | "safety";
};

export function promptLine(p: EvalPromptInput, position: number): string {
  const messages = p.messages.map((m) => ({ role: m.role, content: m.content }));
  return JSON.stringify({ position, external_id: p.externalId, kind: p.kind, department: p.department, messages });
}

export function evalPromptsHash(prompts: readonly EvalPromptInput[]): string {
  const hash = createHash("sha256");
  prompts.forEach((p, i) => hash.update(promptLine(p, i) + "\n", "utf8"));
  return hash.digest("hex");
}

/** Multi-turn: the prompt carries earlier exchanges (more than the patient's one message). */
export function isMultiTurn(messages: readonly ChatMessage[]): boolean {
  return messages.length > 1;
}
