// The input JSONL a run trains on, exactly as the agent downloads it. Pinned at launch by its
// sha256 (Run.inputHash): the agent refuses a download that does not match.
//   RM, PPO  the snapshot's rankings.jsonl (PPO uses only each line's `messages` as prompts)
//   SAMPLE   one `{"item_id", "messages", "meta"}` line per pinned item, in the pinned order
//   GENERATE one `{"prompt_id", "messages", "meta"}` line per prompt of the system's evaluation set
import "server-only";
import { createHash } from "node:crypto";
import type { Db, Tx } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import { generateInput } from "@/app/_lib/evaluation/systems/generate-input";

export const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

export async function sampleInput(client: Db | Tx, itemIds: string[]): Promise<string> {
  const items = await client.item.findMany({
    where: { id: { in: itemIds } },
    select: { id: true, prompt: true, turnIndex: true, dialogue: { select: { externalId: true, department: true } } },
  });
  const byId = new Map(items.map((i) => [i.id, i]));
  return itemIds
    .map((id) => {
      const item = byId.get(id);
      if (!item) throw new AppError("CONFLICT", `item ${id} of this sampling run no longer exists`);
      const meta = { dialogue_id: item.dialogue.externalId, turn: item.turnIndex, department: item.dialogue.department };
      return JSON.stringify({ item_id: item.id, messages: item.prompt, meta }) + "\n";
    })
    .join("");
}

export async function runInput(
  client: Db | Tx,
  run: { id: string; kind: string; snapshotId: string | null; itemIds: string[]; config?: unknown },
): Promise<string> {
  if (run.kind === "SAMPLE") return sampleInput(client, run.itemIds);
  if (run.kind === "GENERATE") return generateInput(client, run);
  if (!run.snapshotId) throw new AppError("CONFLICT", `run ${run.id}: its snapshot was deleted`);
  const snapshot = await client.snapshot.findUnique({ where: { id: run.snapshotId }, select: { rankings: true } });
  if (!snapshot) throw new AppError("CONFLICT", `run ${run.id}: its snapshot was deleted`);
  return snapshot.rankings;
}
