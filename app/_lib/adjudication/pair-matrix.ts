// The pair matrix of a disputed item: for every pair of candidates (in stable-label order), what
// each ranking says about it and whether they all agree. It is what an adjudicator has to settle,
// pair by pair, instead of reading two columns of numbers.

/** "first": the pair's first candidate is better; "second": the other one; "tie": equal ranks. */
export type PairPreference = "first" | "second" | "tie";

export type PairRow = {
  /** canonical positions, in stable-label order (first's label comes before second's) */
  first: number;
  second: number;
  /** one entry per ranking, in the rankings' order */
  preferences: PairPreference[];
  agree: boolean;
};

export function pairMatrix(order: readonly number[], rankings: readonly { ranks: readonly number[] }[]): PairRow[] {
  const rows: PairRow[] = [];
  for (let i = 0; i < order.length; i++) {
    for (let j = i + 1; j < order.length; j++) {
      const [first, second] = [order[i], order[j]];
      const preferences = rankings.map(({ ranks }): PairPreference => (ranks[first] === ranks[second] ? "tie" : ranks[first] < ranks[second] ? "first" : "second"));
      rows.push({ first, second, preferences, agree: new Set(preferences).size <= 1 });
    }
  }
  return rows;
}
