// Chi-square goodness-of-fit against a uniform distribution, with its p-value.
// The p-value is the upper regularized incomplete gamma Q(df/2, x/2), computed with the
// series / continued-fraction pair of Numerical Recipes (§6.2) — accurate to ~1e-10 here.

export type ChiSquareResult = { statistic: number; degreesOfFreedom: number; pValue: number | null };

export function chiSquareUniform(observed: readonly number[]): ChiSquareResult {
  const total = observed.reduce((s, x) => s + x, 0);
  const df = observed.length - 1;
  if (total <= 0 || df < 1) return { statistic: 0, degreesOfFreedom: Math.max(df, 0), pValue: null };
  const expected = total / observed.length;
  const statistic = observed.reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
  return { statistic, degreesOfFreedom: df, pValue: chiSquareSurvival(statistic, df) };
}

/** P(X ≥ x) for X ~ χ²(df). */
export function chiSquareSurvival(x: number, df: number): number {
  if (x <= 0) return 1;
  return upperRegularizedGamma(df / 2, x / 2);
}

function upperRegularizedGamma(a: number, x: number): number {
  if (x < a + 1) return 1 - lowerSeries(a, x);
  return upperContinuedFraction(a, x);
}

function lowerSeries(a: number, x: number): number {
  let sum = 1 / a;
  let term = sum;
  for (let n = 1; n < 500; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function upperContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** Lanczos approximation (g = 7, n = 9). */
function logGamma(z: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const x = z - 1;
  let s = c[0];
  for (let i = 1; i < g + 2; i++) s += c[i] / (x + i);
  const t = x + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}
