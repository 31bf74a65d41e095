// Inter-judge agreement on categorical verdicts.
//
// Cohen's κ (two raters, each rating every subject): κ = (pₒ − pₑ) / (1 − pₑ), pₒ the observed
// share of agreement, pₑ the agreement expected from each rater's own marginal shares.
// Fleiss' κ (n raters per subject, raters need not be the same people): per subject
// Pᵢ = (Σⱼ nᵢⱼ² − n) / (n(n − 1)), P̄ their mean, pⱼ the share of all ratings in category j,
// P̄ₑ = Σ pⱼ²; κ = (P̄ − P̄ₑ) / (1 − P̄ₑ).
// Both are undefined (null) when chance agreement is already total (1 − pₑ = 0) or there is
// nothing to count.

export function cohenKappa<T>(pairs: readonly (readonly [T, T])[]): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const first = new Map<T, number>();
  const second = new Map<T, number>();
  let agree = 0;
  for (const [a, b] of pairs) {
    if (a === b) agree++;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  const po = agree / n;
  let pe = 0;
  for (const [c, x] of first) pe += (x / n) * ((second.get(c) ?? 0) / n);
  if (1 - pe === 0) return null;
  return (po - pe) / (1 - pe);
}

/** counts[i][j]: how many raters put subject i in category j; every row must sum to the same n ≥ 2. */
export function fleissKappa(counts: readonly (readonly number[])[]): number | null {
  const subjects = counts.length;
  if (subjects === 0) return null;
  const n = counts[0].reduce((s, x) => s + x, 0);
  if (n < 2) return null;
  const k = counts[0].length;
  const totals = new Array<number>(k).fill(0);
  let pSum = 0;
  for (const row of counts) {
    const rowN = row.reduce((s, x) => s + x, 0);
    if (rowN !== n) throw new Error(`every subject needs ${n} ratings, one has ${rowN}`);
    row.forEach((x, j) => (totals[j] += x));
    pSum += (row.reduce((s, x) => s + x * x, 0) - n) / (n * (n - 1));
  }
  const pBar = pSum / subjects;
  const pe = totals.reduce((s, t) => s + (t / (subjects * n)) ** 2, 0);
  if (1 - pe === 0) return null;
  return (pBar - pe) / (1 - pe);
}
