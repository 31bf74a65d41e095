// Two-sided exact sign test: of n non-tied comparisons, k went one way. Under H0 (each way with
// probability ½) the p-value is P(X ≤ min(k, n−k)) + P(X ≥ max(k, n−k)) for X ~ Binomial(n, ½),
// capped at 1. Ties are dropped before calling (the usual convention). Summed in log space so
// large n stays exact enough.
function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

export function signTestP(wins: number, losses: number): number | null {
  const n = wins + losses;
  if (n === 0) return null;
  const m = Math.min(wins, losses);
  if (2 * m === n) return 1;
  const log2n = n * Math.log(2);
  let tail = 0;
  for (let i = 0; i <= m; i++) tail += Math.exp(logChoose(n, i) - log2n);
  return Math.min(1, 2 * tail);
}
