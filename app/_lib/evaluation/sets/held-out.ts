// A project's turns held out from training, by construction (DESIGN: an evaluation never scores
// a model on what it was trained on). Two halves of one rule:
//   1. a set drawn from a project takes only dialogues with no turn in any snapshot's rankings
//      (pick-held-out.ts);
//   2. every later snapshot leaves out the dialogues of the project's evaluation prompts, and
//      records how many items it left out (create-snapshot.ts, counts.heldOutForEvaluation).
// Both run under one advisory lock per project, so a set and a snapshot made at the same moment
// cannot each miss the other.
import "server-only";
import type { Db, Tx } from "@/app/_lib/db";

export async function lockHeldOut(tx: Tx, projectId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`eval-held-out:${projectId}`}))`;
}

/** Dialogues of the project with at least one turn in a snapshot's rankings.jsonl. */
export async function trainedDialogueIds(client: Db | Tx, projectId: string): Promise<Set<string>> {
  const snapshots = await client.snapshot.findMany({ where: { projectId }, select: { rankings: true } });
  const itemIds = new Set<string>();
  for (const s of snapshots) {
    for (const text of s.rankings.split("\n")) {
      if (!text.trim()) continue;
      const id = (JSON.parse(text) as { id?: unknown }).id;
      if (typeof id === "string") itemIds.add(id);
    }
  }
  const dialogues = new Set<string>();
  const ids = [...itemIds];
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await client.item.findMany({ where: { id: { in: ids.slice(i, i + 5000) } }, select: { dialogueId: true } });
    rows.forEach((r) => dialogues.add(r.dialogueId));
  }
  return dialogues;
}

/** Dialogues of the project that hold a prompt of one of its evaluation sets: never trained on. */
export async function evaluationDialogueIds(client: Db | Tx, projectId: string): Promise<string[]> {
  const prompts = await client.evalPrompt.findMany({
    where: { evalSet: { source: "PROJECT", projectId } },
    select: { externalId: true },
  });
  if (prompts.length === 0) return [];
  const items = await client.item.findMany({
    where: { projectId, id: { in: prompts.map((p) => p.externalId) } },
    select: { dialogueId: true },
    distinct: ["dialogueId"],
  });
  return items.map((i) => i.dialogueId);
}
