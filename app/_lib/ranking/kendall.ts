// Kendall rank correlation (tau-b) between two rank vectors.
//
// Used for the KENDALL disagreement rule (annotation) and for agreement figures
// (oversight). Rank vectors follow the MedRank convention: a[i] is the rank of the
// candidate with canonical position i, 1 = best, equal numbers = tie. Only the
// relative order matters, so any monotone relabelling gives the same tau.
//
// tau-b corrects for ties on either side:
//   tau_b = (C − D) / sqrt((n0 − t_a) · (n0 − t_b))
// with C/D the concordant/discordant pairs, n0 = n(n−1)/2, and t_a, t_b the pairs
// tied in a, in b. It is undefined when one vector is entirely tied (denominator 0);
// we return null then, and callers decide what that means for them.

export function kendallTauB(a: readonly number[], b: readonly number[]): number | null {
  if (a.length !== b.length) {
    throw new RangeError(`kendallTauB: rank vectors differ in length (${a.length} vs ${b.length})`);
  }
  const n = a.length;
  let concordant = 0;
  let discordant = 0;
  let tiedA = 0;
  let tiedB = 0;
  // K is small (4 by default), so the O(n²) pair walk is clearer than the
  // O(n log n) merge-sort version and just as fast in practice.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const da = Math.sign(a[i] - a[j]);
      const db = Math.sign(b[i] - b[j]);
      if (da === 0) tiedA++;
      if (db === 0) tiedB++;
      if (da === 0 || db === 0) continue;
      if (da === db) concordant++;
      else discordant++;
    }
  }
  const n0 = (n * (n - 1)) / 2;
  const denominator = Math.sqrt((n0 - tiedA) * (n0 - tiedB));
  if (denominator === 0) return null;
  return (concordant - discordant) / denominator;
}

/** Mean tau-b over all pairs of rank vectors; null when any pair is undefined or fewer than two vectors. */
export function meanPairwiseKendall(vectors: readonly (readonly number[])[]): number | null {
  if (vectors.length < 2) return null;
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < vectors.length; i++) {
    for (let j = i + 1; j < vectors.length; j++) {
      const tau = kendallTauB(vectors[i], vectors[j]);
      if (tau === null) return null;
      sum += tau;
      pairs++;
    }
  }
  return sum / pairs;
}
