// A GENERATE run's input JSONL: the prompts of its system's evaluation set, in set order, one
// `{"prompt_id", "messages", "meta"}` line each (docs/formats.md). Pinned at launch by sha256.
import "server-only";
import type { Db, Tx } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";

export function generateSystemId(run: { id: string; config?: unknown }): string {
  const id = (run.config as { evalSystemId?: unknown } | null | undefined)?.evalSystemId;
  if (typeof id !== "string") throw new AppError("CONFLICT", `run ${run.id}: its config names no evaluation system`);
  return id;
}

export async function generateInput(client: Db | Tx, run: { id: string; config?: unknown }): Promise<string> {
  const system = await client.evalSystem.findUnique({ where: { id: generateSystemId(run) }, select: { evalSetId: true } });
  if (!system) throw new AppError("CONFLICT", `run ${run.id}: its evaluation system was deleted`);
  return promptsJsonl(client, system.evalSetId);
}

export async function promptsJsonl(client: Db | Tx, evalSetId: string): Promise<string> {
  const prompts = await client.evalPrompt.findMany({
    where: { evalSetId },
    orderBy: { position: "asc" },
    select: { id: true, externalId: true, messages: true, department: true, kind: true },
  });
  return prompts
    .map((p) => JSON.stringify({ prompt_id: p.id, messages: p.messages, meta: { external_id: p.externalId, department: p.department, kind: p.kind } }) + "\n")
    .join("");
}
