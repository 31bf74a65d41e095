// When do N independent rankings of one item need an adjudicator?
//
// The project picks a rule:
//   ANY_ORDER  any difference in the order (Zhongjing's protocol);
//   TOP1       the best answer differs;
//   KENDALL    mean pairwise Kendall tau-b of the candidate orders is below the
//              project's threshold (DEFAULT_KENDALL_THRESHOLD when unset).
//
// Replacement answers, under every rule: a written replacement is a distinct top
// item that ranks above all K candidates. So a ranking with a replacement and one
// without disagree on the top, and two rankings with replacements agree on the top
// only when they wrote the same answer (see replacement.ts): otherwise a human has
// to choose which written answer becomes the training target. Because the top
// item is what a ranking says most strongly, a replacement mismatch is a
// disagreement for KENDALL as well, whatever tau the candidate orders reach.
//
// Ties (projects with allowTies): ANY_ORDER compares the normalised rank vectors,
// so [1,1,3,4] and [1,2,3,4] differ; TOP1 compares the *sets* of candidates ranked
// first; KENDALL uses tau-b, which corrects for ties. When tau-b is undefined for
// a pair (one ranking ties everything, the other does not) we call it a
// disagreement: there is no shared order to keep.

import { kendallTauB } from "./kendall";
import { sameRanks, topPositions } from "./ranks";
import { normalizeReplacement } from "./replacement";

export type DisagreementRuleName = "ANY_ORDER" | "TOP1" | "KENDALL";

export const DEFAULT_KENDALL_THRESHOLD = 0.5;

export type RankingForRule = {
  ranks: readonly number[];
  replacement: string | null;
};

export type RuleConfig = {
  rule: DisagreementRuleName;
  kendallThreshold?: number | null;
};

export type DisagreementVerdict =
  | { disagree: false; meanTau: number | null }
  | { disagree: true; reason: "replacement" | "order" | "top" | "kendall"; meanTau: number | null };

/** The top item of a ranking as a comparable key: the replacement if any, else the set of rank-1 positions. */
export function topKey(ranking: RankingForRule): string {
  if (ranking.replacement !== null) return `replacement:${normalizeReplacement(ranking.replacement)}`;
  return `positions:${topPositions(ranking.ranks).join(",")}`;
}

function pairs<T>(xs: readonly T[]): [T, T][] {
  const out: [T, T][] = [];
  for (let i = 0; i < xs.length; i++) for (let j = i + 1; j < xs.length; j++) out.push([xs[i], xs[j]]);
  return out;
}

function meanTau(rankings: readonly RankingForRule[]): number | null {
  let sum = 0;
  let n = 0;
  for (const [a, b] of pairs(rankings)) {
    const tau = kendallTauB(a.ranks, b.ranks);
    if (tau === null) return null;
    sum += tau;
    n++;
  }
  return n === 0 ? null : sum / n;
}

export function evaluateDisagreement(rankings: readonly RankingForRule[], config: RuleConfig): DisagreementVerdict {
  if (rankings.length === 0) throw new RangeError("evaluateDisagreement needs at least one ranking");
  // a project with annotatorsPerItem = 1 has nothing to disagree about
  if (rankings.length === 1) return { disagree: false, meanTau: null };
  const tau = meanTau(rankings);
  const replacementsMatch = pairs(rankings).every(([a, b]) => {
    if (a.replacement === null && b.replacement === null) return true;
    if (a.replacement === null || b.replacement === null) return false;
    return normalizeReplacement(a.replacement) === normalizeReplacement(b.replacement);
  });
  if (!replacementsMatch) return { disagree: true, reason: "replacement", meanTau: tau };

  switch (config.rule) {
    case "ANY_ORDER": {
      const same = pairs(rankings).every(([a, b]) => sameRanks(a.ranks, b.ranks));
      return same ? { disagree: false, meanTau: tau } : { disagree: true, reason: "order", meanTau: tau };
    }
    case "TOP1": {
      const keys = new Set(rankings.map(topKey));
      return keys.size === 1 ? { disagree: false, meanTau: tau } : { disagree: true, reason: "top", meanTau: tau };
    }
    case "KENDALL": {
      // identical rankings always agree, even when tau-b is undefined (all tied in both)
      if (pairs(rankings).every(([a, b]) => sameRanks(a.ranks, b.ranks))) return { disagree: false, meanTau: tau };
      const threshold = config.kendallThreshold ?? DEFAULT_KENDALL_THRESHOLD;
      if (tau === null || tau < threshold) return { disagree: true, reason: "kendall", meanTau: tau };
      return { disagree: false, meanTau: tau };
    }
  }
}

/**
 * Candidate pairs on whose relative order the rankings do not all agree
 * (one says p better, another q better or a tie) — highlighted for the adjudicator.
 */
export function discordantPairs(rankings: readonly RankingForRule[]): [number, number][] {
  if (rankings.length === 0) return [];
  const k = rankings[0].ranks.length;
  const out: [number, number][] = [];
  for (let p = 0; p < k; p++) {
    for (let q = p + 1; q < k; q++) {
      const relations = new Set(rankings.map((r) => Math.sign(r.ranks[p] - r.ranks[q])));
      if (relations.size > 1) out.push([p, q]);
    }
  }
  return out;
}
