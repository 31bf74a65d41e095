// Position bias: does the slot in which a candidate is shown influence whether it is ranked
// first? Each annotator sees the K candidates in a shuffled order (Assignment.displayOrder);
// without bias, each display slot holds the top choice 1/K of the time.
import { chiSquareUniform } from "./chi-square";

export type ShownRanking = {
  /** candidate positions in the order shown: displayOrder[slot] = canonical position */
  displayOrder: readonly number[];
  /** ranks[position] = rank given (1 = best; equal = tie) */
  ranks: readonly number[];
};

export type PositionBias = {
  k: number;
  rankings: number;
  /** per display slot: how often the candidate shown there was ranked first (ties split evenly) */
  slots: { slot: number; firstCount: number; share: number }[];
  expectedShare: number;
  chiSquare: number;
  degreesOfFreedom: number;
  pValue: number | null;
};

export function positionBias(k: number, rankings: readonly ShownRanking[]): PositionBias {
  const first = new Array<number>(k).fill(0);
  let counted = 0;
  for (const r of rankings) {
    // a ranking whose display order does not describe K slots cannot be placed; skip it
    if (r.displayOrder.length !== k || r.ranks.length !== k) continue;
    const best = Math.min(...r.ranks);
    const topSlots = r.displayOrder.map((pos, slot) => (r.ranks[pos] === best ? slot : -1)).filter((s) => s >= 0);
    // a tie at the top shares one "first place" among the tied slots, so every ranking weighs 1
    for (const slot of topSlots) first[slot] += 1 / topSlots.length;
    counted++;
  }
  const test = chiSquareUniform(first);
  return {
    k,
    rankings: counted,
    slots: first.map((firstCount, slot) => ({ slot, firstCount, share: counted ? firstCount / counted : 0 })),
    expectedShare: 1 / k,
    chiSquare: test.statistic,
    degreesOfFreedom: test.degreesOfFreedom,
    pValue: test.pValue,
  };
}
