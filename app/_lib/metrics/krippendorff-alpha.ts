// Krippendorff's alpha, coincidence-matrix formulation (Krippendorff 2011, "Computing
// Krippendorff's Alpha-Reliability"). Pure: no database, no framework.
//
// A "unit" is one thing that several coders rated; its values are the ratings (one per
// coder, null/undefined when that coder did not rate it). Units with fewer than two
// ratings are not pairable and are ignored, as the formulation prescribes.

export type AlphaMetric = "nominal" | "ordinal" | "interval" | "ratio";

export type AlphaResult = {
  /** null when undefined: no pairable values, or no variation at all (expected disagreement 0) */
  alpha: number | null;
  /** number of pairable values (n in the coincidence matrix) */
  pairableValues: number;
  /** number of units with at least two values */
  units: number;
  observedDisagreement: number;
  expectedDisagreement: number;
};

type Coincidences = {
  values: number[]; // sorted distinct values
  o: number[][]; // o[c][k], indices into `values`
  nc: number[]; // marginals
  n: number;
  units: number;
};

export function coincidenceMatrix(units: ReadonlyArray<ReadonlyArray<number | null | undefined>>): Coincidences {
  const pairable = units
    .map((u) => u.filter((v): v is number => v !== null && v !== undefined && Number.isFinite(v)))
    .filter((u) => u.length >= 2);
  const values = [...new Set(pairable.flat())].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  const size = values.length;
  const o = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const u of pairable) {
    const m = u.length;
    // every ordered pair of distinct ratings within the unit, weighted 1/(m_u - 1)
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        o[index.get(u[i])!][index.get(u[j])!] += 1 / (m - 1);
      }
    }
  }
  const nc = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = nc.reduce((s, x) => s + x, 0);
  return { values, o, nc, n, units: pairable.length };
}

/** Squared difference δ²(c, k) for the metric; for "ordinal" it depends on the marginals. */
export function metricDelta(metric: AlphaMetric, values: number[], nc: number[]): (c: number, k: number) => number {
  switch (metric) {
    case "nominal":
      return (c, k) => (c === k ? 0 : 1);
    case "interval":
      return (c, k) => (values[c] - values[k]) ** 2;
    case "ratio":
      return (c, k) => {
        const sum = values[c] + values[k];
        return sum === 0 ? 0 : ((values[c] - values[k]) / sum) ** 2;
      };
    case "ordinal":
      return (c, k) => {
        if (c === k) return 0;
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        let s = 0;
        for (let g = lo; g <= hi; g++) s += nc[g];
        return (s - (nc[lo] + nc[hi]) / 2) ** 2;
      };
  }
}

export function krippendorffAlpha(
  units: ReadonlyArray<ReadonlyArray<number | null | undefined>>,
  metric: AlphaMetric,
): AlphaResult {
  const { values, o, nc, n, units: unitCount } = coincidenceMatrix(units);
  const empty = { alpha: null, pairableValues: n, units: unitCount, observedDisagreement: 0, expectedDisagreement: 0 };
  if (n < 2) return empty;
  const delta = metricDelta(metric, values, nc);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < values.length; c++) {
    for (let k = 0; k < values.length; k++) {
      const d = delta(c, k);
      observed += o[c][k] * d;
      expected += nc[c] * nc[k] * d;
    }
  }
  const Do = observed / n;
  const De = expected / (n * (n - 1));
  if (De === 0) return { ...empty, observedDisagreement: Do };
  return { alpha: 1 - Do / De, pairableValues: n, units: unitCount, observedDisagreement: Do, expectedDisagreement: De };
}
