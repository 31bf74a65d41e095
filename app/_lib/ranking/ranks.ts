// Rank vectors: validation and canonical form.
//
// Convention (the same in the schema, the API and the export): ranks[i] is the
// rank of the candidate with canonical position i, 1 = best, equal numbers = tie.
// Stored ranks are always in "standard competition" form (1, 2, 2, 4): a rank is
// 1 + the number of candidates strictly better. Clients may send dense ties
// (1, 2, 2, 3) when the project allows ties; normalizeRanks folds both into one
// form so that comparisons (idempotent resubmit, ANY_ORDER) are exact.

export type RankOptions = {
  /** number of candidates per item */
  k: number;
  /** whether two candidates may share a rank */
  allowTies: boolean;
};

export type RankProblem = { path: string; message: string };

/** Everything wrong with a rank vector, each naming the offending index; empty when valid. */
export function rankProblems(ranks: readonly number[], { k, allowTies }: RankOptions, field = "ranks"): RankProblem[] {
  const problems: RankProblem[] = [];
  if (ranks.length !== k) {
    problems.push({ path: field, message: `expected ${k} ranks (one per candidate), got ${ranks.length}` });
    return problems;
  }
  ranks.forEach((r, i) => {
    if (!Number.isInteger(r) || r < 1 || r > k) {
      problems.push({ path: `${field}[${i}]`, message: `rank must be an integer from 1 to ${k}, got ${r}` });
    }
  });
  if (problems.length > 0) return problems;
  if (!allowTies) {
    const seen = new Map<number, number>();
    ranks.forEach((r, i) => {
      const first = seen.get(r);
      if (first !== undefined) {
        problems.push({
          path: `${field}[${i}]`,
          message: `rank ${r} is also given to candidate ${first}; this project does not allow ties`,
        });
      } else seen.set(r, i);
    });
  }
  return problems;
}

/** Standard competition ranking of any rank-like vector (lower = better). */
export function normalizeRanks(ranks: readonly number[]): number[] {
  return ranks.map((r) => 1 + ranks.filter((other) => other < r).length);
}

export function sameRanks(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const na = normalizeRanks(a);
  const nb = normalizeRanks(b);
  return na.every((r, i) => r === nb[i]);
}

/** Ranks from tiers of positions, best tier first: [[2], [0, 3], [1]] → [2, 4, 1, 2]. */
export function ranksFromTiers(tiers: readonly (readonly number[])[], k: number): number[] {
  const ranks = new Array<number>(k).fill(0);
  let rank = 1;
  for (const tier of tiers) {
    for (const position of tier) ranks[position] = rank;
    rank += tier.length;
  }
  if (ranks.some((r) => r === 0)) throw new RangeError("ranksFromTiers: every position must appear in a tier");
  return ranks;
}

/** Tiers of positions best-first (positions in a tier ascending): inverse of ranksFromTiers. */
export function tiersFromRanks(ranks: readonly number[]): number[][] {
  const byRank = new Map<number, number[]>();
  normalizeRanks(ranks).forEach((r, position) => {
    byRank.set(r, [...(byRank.get(r) ?? []), position]);
  });
  return [...byRank.entries()].sort(([a], [b]) => a - b).map(([, positions]) => positions);
}

/** Positions ranked best (rank 1). */
export function topPositions(ranks: readonly number[]): number[] {
  const best = Math.min(...ranks);
  return ranks.flatMap((r, i) => (r === best ? [i] : []));
}
