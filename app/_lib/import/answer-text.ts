// One rule for repeated answer texts, used by every import format and by the export: two
// candidate answers are "the same answer" when their texts match after Unicode normalisation
// (NFC), trimming and collapsing runs of whitespace. A repeated answer is dropped on import (the
// first one is kept), and the export never pairs an answer with the same answer.
import type { CandidateInput } from "./types";

/** The comparison key of an answer text. */
export function answerKey(text: string): string {
  return text.normalize("NFC").trim().replace(/\s+/g, " ");
}

export function sameAnswer(a: string, b: string): boolean {
  return answerKey(a) === answerKey(b);
}

/**
 * Drops candidates whose text repeats one in `existing` (keys of texts the item already has) or an
 * earlier one of the list; returns the kept candidates, in their order.
 */
export function dropRepeatedAnswers(candidates: readonly CandidateInput[], existing: ReadonlySet<string> = new Set()): CandidateInput[] {
  const seen = new Set(existing);
  return candidates.filter((c) => {
    const key = answerKey(c.text);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
