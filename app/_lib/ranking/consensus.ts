// The final order of an item whose rankings agree under the project's rule.
//
// Under ANY_ORDER agreeing rankings are identical, so the consensus is that order.
// Under TOP1 / KENDALL they may differ below the top; we then order candidates by
// their mean rank (a Borda count). Equal means become a tie when the project
// allows ties (the annotators genuinely split); otherwise the earliest submitted
// ranking breaks the tie, then the canonical position — deterministic, and it
// never invents an order no annotator gave for that pair.
// The replacement answer (if any) is shared by all agreeing rankings (see
// disagreement.ts); we keep the earliest annotator's wording.

import { normalizeRanks } from "./ranks";
import { normalizeReplacement } from "./replacement";
import type { RankingForRule } from "./disagreement";

export type FinalOrder = { ranks: number[]; replacement: string | null };

/** @param rankings in submission order (earliest first) */
export function consensusOrder(rankings: readonly RankingForRule[], { allowTies }: { allowTies: boolean }): FinalOrder {
  if (rankings.length === 0) throw new RangeError("consensusOrder needs at least one ranking");
  const k = rankings[0].ranks.length;
  const first = normalizeRanks(rankings[0].ranks);
  const mean = Array.from({ length: k }, (_, p) => rankings.reduce((s, r) => s + r.ranks[p], 0) / rankings.length);

  const compare = (p: number, q: number) => mean[p] - mean[q] || (allowTies ? 0 : first[p] - first[q] || p - q);
  // rank = 1 + number of candidates strictly better under `compare`
  const ranks = mean.map((_, p) => 1 + mean.filter((__, q) => compare(q, p) < 0).length);

  const replacements = new Set(rankings.map((r) => (r.replacement === null ? null : normalizeReplacement(r.replacement))));
  if (replacements.size > 1) throw new Error("consensusOrder: the rankings disagree on the replacement answer");
  return { ranks, replacement: rankings[0].replacement };
}
