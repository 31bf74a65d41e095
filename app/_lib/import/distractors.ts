import { detach } from "./detach";
import { seededRandom, shuffled } from "./seeded-random";
import type { CandidateInput, DialogueRecord } from "./types";

// "Reference + distractors" candidate builder for sources with one real answer per turn
// (CMtMedQA): the real answer plus K−1 real doctor answers from OTHER dialogues of the same
// department. The candidates say what they are ("reference", "distractor:<dialogue id>") so
// nobody mistakes them for model outputs.

type PooledAnswer = { dialogueId: string; text: string };

/** How many answers each department keeps: a uniform sample, so memory stays bounded for any file. */
export const POOL_PER_GROUP = 2000;

const ANY = "\u0000any";

/** Safety probes are answered from other probes' answers; dialogues from their department. */
export function poolGroup(record: Pick<DialogueRecord, "kind" | "department">): string | null {
  if (record.kind === "safety") return "\u0000safety";
  return record.department;
}

/**
 * A bounded, deterministic sample of a file's doctor answers per department (reservoir sampling),
 * filled while the file is validated and drawn from while it is written.
 */
export class AnswerPool {
  private groups = new Map<string, { seen: number; answers: PooledAnswer[] }>();
  private random: () => number;

  constructor(
    seed: string,
    private readonly limit = POOL_PER_GROUP,
  ) {
    this.random = seededRandom("pool", seed);
  }

  addDialogue(record: DialogueRecord): void {
    const group = poolGroup(record);
    for (const turn of record.turns) {
      if (turn.doctor === null) continue;
      const answer = { dialogueId: detach(record.externalId), text: detach(turn.doctor) };
      if (group !== null) this.add(group, answer);
      this.add(ANY, answer);
    }
  }

  private add(group: string, answer: PooledAnswer): void {
    let g = this.groups.get(group);
    if (!g) this.groups.set(group, (g = { seen: 0, answers: [] }));
    g.seen++;
    if (g.answers.length < this.limit) g.answers.push(answer);
    else {
      const j = Math.floor(this.random() * g.seen);
      if (j < this.limit) g.answers[j] = answer;
    }
  }

  /**
   * Up to `count` answers from other dialogues of `group` whose text differs from `exclude` and
   * from each other; falls back to any department when the group has too few.
   */
  draw(group: string | null, dialogueId: string, exclude: string, count: number, random: () => number): PooledAnswer[] {
    const picked: PooledAnswer[] = [];
    const texts = new Set([exclude]);
    const take = (a: PooledAnswer) => {
      if (a.dialogueId === dialogueId || texts.has(a.text)) return;
      texts.add(a.text);
      picked.push(a);
    };
    for (const g of group === null ? [ANY] : [group, ANY]) {
      const answers = this.groups.get(g)?.answers ?? [];
      if (!answers.length) continue;
      // random probes first (cheap for big pools), then a scan so that small pools are used fully
      for (let p = 0; p < count * 8 && picked.length < count; p++) take(answers[Math.floor(random() * answers.length)]);
      const start = Math.floor(random() * answers.length);
      for (let i = 0; i < answers.length && picked.length < count; i++) take(answers[(start + i) % answers.length]);
      if (picked.length === count) break;
    }
    return picked;
  }
}

/**
 * The candidates for one turn: its reference answer and k−1 distractors, in a seeded shuffled
 * canonical order (annotators see their own shuffle anyway; this keeps "position 0" meaningless).
 * Fewer than k when the file has too few other answers: the item then waits for candidates.
 */
export function referenceWithDistractors(
  pool: AnswerPool,
  record: DialogueRecord,
  turnIndex: number,
  k: number,
  seed: string,
): CandidateInput[] {
  const reference = record.turns[turnIndex].doctor;
  if (reference === null) return [];
  const random = seededRandom("turn", seed, record.externalId, turnIndex);
  const distractors = pool.draw(poolGroup(record), record.externalId, reference, k - 1, random);
  const candidates: CandidateInput[] = [
    { text: reference, source: "reference" },
    ...distractors.map((d) => ({ text: d.text, source: `distractor:${d.dialogueId}` })),
  ];
  return shuffled(candidates, random);
}
