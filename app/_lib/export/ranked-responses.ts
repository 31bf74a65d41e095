// Pure: turns a ranking in canonical order (ranks[i] = rank of the candidate at position i) into
// the best-first lists the export files carry.

export type CanonicalCandidate = { position: number; text: string; source: string };

export type RankedResponses = {
  /** best first; a replacement answer (when there is one) comes first */
  responses: string[];
  /** rank of each response (1 = best; equal numbers = tie), standard competition ranking */
  ranks: number[];
  /** where each response came from (candidate source, or "replacement") */
  sources: string[];
  /** the canonical candidate position of each response (null for the replacement) */
  positions: (number | null)[];
};

export const REPLACEMENT_SOURCE = "replacement";

/**
 * Orders candidates best-first by their ranks (ties keep canonical order) and renumbers the ranks
 * as "1 + number of strictly better responses", so a tie keeps equal numbers however the ranking
 * was stored. A replacement answer ranks above all K candidates.
 */
export function rankResponses(candidates: CanonicalCandidate[], ranks: number[], replacement: string | null): RankedResponses {
  if (ranks.length !== candidates.length) {
    throw new Error(`ranking has ${ranks.length} ranks for ${candidates.length} candidates`);
  }
  const byPosition = [...candidates].sort((a, b) => a.position - b.position);
  const order = byPosition.map((c, i) => ({ c, rank: ranks[i] })).sort((a, b) => a.rank - b.rank || a.c.position - b.c.position);
  const offset = replacement ? 1 : 0;
  const out: RankedResponses = replacement
    ? { responses: [replacement], ranks: [1], sources: [REPLACEMENT_SOURCE], positions: [null] }
    : { responses: [], ranks: [], sources: [], positions: [] };
  order.forEach(({ c, rank }) => {
    const better = order.filter((o) => o.rank < rank).length;
    out.responses.push(c.text);
    out.ranks.push(1 + offset + better);
    out.sources.push(c.source);
    out.positions.push(c.position);
  });
  return out;
}

/**
 * Every preference pair of a best-first ranking: [i, j] with ranks[i] < ranks[j]. K responses
 * without ties give C(K,2) pairs; a tie gives no pair; a replacement beats every candidate.
 */
export function expandPairs(ranks: number[]): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < ranks.length; i++) {
    for (let j = i + 1; j < ranks.length; j++) {
      if (ranks[i] < ranks[j]) pairs.push([i, j]);
      else if (ranks[j] < ranks[i]) pairs.push([j, i]);
    }
  }
  return pairs;
}
