// One label per candidate for everyone who looks at an item after annotation (adjudicators,
// admins): the review order is a permutation seeded by the item alone, so two adjudicators see
// the same answer as "B", and "B" in an annotator's comment can be translated to it. It is
// shuffled rather than by canonical position because position 0 is often the reference answer.
// Annotators themselves saw their own shuffled order (Assignment.displayOrder), so the letters
// in their comments are mapped through that order (mapCommentLetters).
import { seededPermutation } from "../ranking/shuffle";

/** "A", "B", … for index 0, 1, … */
export const letterAt = (index: number) => String.fromCharCode(65 + index);

/** reviewOrder[i] = canonical position of the candidate labelled letterAt(i), for every reviewer. */
export function reviewOrder(itemId: string, k: number): number[] {
  return seededPermutation(k, `${itemId}:review`);
}

/** canonical position → stable label */
export function stableLabels(itemId: string, k: number): Map<number, string> {
  return new Map(reviewOrder(itemId, k).map((position, i) => [position, letterAt(i)]));
}

/** A piece of a comment: plain text, or a candidate letter the annotator wrote, with the stable label it means. */
export type CommentPart = { text: string } | { wrote: string; label: string };

/**
 * Splits an annotator's comment so that each candidate letter they wrote (A … the K-th capital letter,
 * standing alone: "B 不安全", "回答D", "A>C") is shown as the stable label of the same candidate.
 * A letter is a candidate letter when no other Latin letter or digit touches it, so words such
 * as "BP" or "A1c" are left alone.
 */
export function mapCommentLetters(comment: string, displayOrder: readonly number[], labels: ReadonlyMap<number, string>): CommentPart[] {
  const k = displayOrder.length;
  if (k === 0) return [{ text: comment }];
  // upper case only, as the annotator saw them on screen: a lone "a" is usually English
  const pattern = new RegExp(`(?<![A-Za-z0-9])([A-${letterAt(k - 1)}])(?![A-Za-z0-9])`, "g");
  const parts: CommentPart[] = [];
  let from = 0;
  for (const match of comment.matchAll(pattern)) {
    const label = labels.get(displayOrder[match[1].charCodeAt(0) - 65]);
    if (label === undefined) continue;
    if (match.index > from) parts.push({ text: comment.slice(from, match.index) });
    parts.push({ wrote: match[1], label });
    from = match.index + 1;
  }
  if (from < comment.length) parts.push({ text: comment.slice(from) });
  return parts;
}

/** A ranking as labels best-first: "B > A = C > D" (ranks[position], equal ranks = tie). */
export function orderText(ranks: readonly number[], labels: ReadonlyMap<number, string>): string {
  const tiers = new Map<number, string[]>();
  ranks.forEach((rank, position) => tiers.set(rank, [...(tiers.get(rank) ?? []), labels.get(position) ?? "?"]));
  return [...tiers.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, ls]) => ls.sort().join(" = "))
    .join(" > ");
}
