// A reward model's view of one item, from its scores of the K candidates (pure).
//
// - Order: the higher the score, the better; equal scores tie (ranks follow the MedRank
//   convention: ranks[i] is the rank of candidate position i, 1 = best).
// - Uncertainty: the smallest gap between the normalised scores of any two candidates. Each
//   ranking asks "which is better" about every pair; the pair the RM separates least is the one
//   it is least sure about, so an item with a small smallest gap is an item where a human ranking
//   teaches the RM most. Normalised scores (raw − mean) / std make gaps comparable across models.
// - Against a final ranking: pairwise accuracy over the pairs the final ranking orders (a tie in
//   the final ranking asks nothing), top-1 (the RM's best is one of the final best), Kendall τ-b.
import { topCandidates } from "../metrics/agreement";
import { pairAgreement } from "../metrics/quality";
import { kendallTauB } from "../ranking/kendall";

export function ranksFromScores(scores: readonly number[]): number[] {
  // competition ranking: 1 + the number of candidates scored strictly higher
  return scores.map((s) => 1 + scores.filter((o) => o > s).length);
}

export function smallestMargin(scores: readonly number[]): number {
  if (scores.length < 2) throw new RangeError("smallestMargin: needs at least two scores");
  const sorted = [...scores].sort((a, b) => a - b);
  let min = Number.POSITIVE_INFINITY;
  for (let i = 1; i < sorted.length; i++) min = Math.min(min, sorted[i] - sorted[i - 1]);
  return min;
}

export type OrderComparison = { pairs: number; agree: number; top1: boolean; tau: number | null };

/** The RM's ranks against a reference ranking (final or an annotator's). */
export function compareOrders(rmRanks: readonly number[], reference: readonly number[]): OrderComparison {
  const { n, agree } = pairAgreement(rmRanks, reference, "b");
  const rmTop = topCandidates(rmRanks);
  const refTop = new Set(topCandidates(reference));
  return { pairs: n, agree, top1: rmTop.length === 1 && refTop.has(rmTop[0]), tau: kendallTauB(rmRanks, reference) };
}
