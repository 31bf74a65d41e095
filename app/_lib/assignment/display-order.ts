// Whether a ranking merely repeats the order the candidates were shown in: the signal of a
// ranking submitted without looking (the quality checks read Ranking.differsFromDisplayOrder).
// displayOrder[s] is the canonical position shown in slot s; the shown order "as a ranking"
// gives that candidate rank s + 1. Any tie differs from the (strict) shown order.
export function differsFromDisplayOrder(ranks: readonly number[], displayOrder: readonly number[]): boolean {
  return displayOrder.some((position, slot) => ranks[position] !== slot + 1);
}
