// Which turns of a project may become evaluation prompts, and which are drawn.
//
// The rule: a dialogue is held out WHOLE. A turn is eligible only when no turn of its dialogue is
// in any training snapshot (a later turn's history repeats the earlier turns, so holding out one
// turn of a trained dialogue would leak its text into training). One prompt is drawn per
// dialogue, so a set never holds two overlapping turns of one conversation. Single-turn sets take
// a dialogue's first turn (the patient's opening message alone); multi-turn sets take one of its
// later turns (with the history before it), drawn with the seed. Pure: the database part is in
// held-out-prompts.ts.
import { seededRandom, shuffled } from "@/app/_lib/import/seeded-random";

export type ProjectTurn = { itemId: string; dialogueId: string; turnIndex: number };

export function pickHeldOut(opts: {
  turns: readonly ProjectTurn[];
  /** dialogues with at least one turn in a snapshot's rankings */
  trainedDialogues: ReadonlySet<string>;
  multiTurn: boolean;
  count: number;
  seed: string;
}): ProjectTurn[] {
  const byDialogue = new Map<string, ProjectTurn[]>();
  for (const t of opts.turns) {
    if (opts.trainedDialogues.has(t.dialogueId)) continue;
    if (opts.multiTurn ? t.turnIndex === 0 : t.turnIndex !== 0) continue;
    const list = byDialogue.get(t.dialogueId) ?? [];
    list.push(t);
    byDialogue.set(t.dialogueId, list);
  }
  const random = seededRandom("eval-held-out", opts.seed);
  // a stable order before drawing: the same data and seed always give the same set
  const dialogues = [...byDialogue.keys()].sort();
  const chosen = shuffled(dialogues, random).slice(0, opts.count);
  return chosen.map((d) => {
    const options = byDialogue.get(d)!.sort((a, b) => a.turnIndex - b.turnIndex);
    return options[Math.floor(random() * options.length)];
  });
}
