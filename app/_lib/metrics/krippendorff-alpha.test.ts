import { describe, expect, it } from "vitest";
import { coincidenceMatrix, krippendorffAlpha, type AlphaMetric } from "./krippendorff-alpha";

// The worked example of Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
// section C: 4 observers, 12 units, values 1..5, missing data. Published results:
// nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797.
const _ = null;
const byObserver = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];
const units = byObserver[0].map((_, u) => byObserver.map((row) => row[u]));

/**
 * δ² of each metric written from Krippendorff (2011) apart from the production metricDelta:
 * ordinal as the squared count of values from c to k, less half of each end's count.
 */
function referenceDelta(metric: AlphaMetric, values: number[], counts: number[]): (c: number, k: number) => number {
  const a = (i: number) => values[i];
  if (metric === "nominal") return (c, k) => Number(a(c) !== a(k));
  if (metric === "interval") return (c, k) => (a(c) - a(k)) * (a(c) - a(k));
  if (metric === "ratio") return (c, k) => (a(c) + a(k) === 0 ? 0 : ((a(c) - a(k)) / (a(c) + a(k))) ** 2);
  return (c, k) => {
    if (c === k) return 0;
    const between = counts.slice(Math.min(c, k), Math.max(c, k) + 1).reduce((s, x) => s + x, 0);
    return (between - counts[c] / 2 - counts[k] / 2) ** 2;
  };
}

/**
 * Independent reference: the pairwise definition α = 1 − D_o/D_e, where D_o averages δ² over
 * pairs of values inside each unit (weighted 1/(m_u−1)) and D_e over all pairs of pairable
 * values in the whole data set — no coincidence matrix involved.
 */
function bruteForceAlpha(data: (number | null)[][], metric: AlphaMetric): number {
  const pairable = data.map((u) => u.filter((v): v is number => v !== null)).filter((u) => u.length >= 2);
  const all = pairable.flat();
  const n = all.length;
  const values = [...new Set(all)].sort((a, b) => a - b);
  const nc = values.map((v) => all.filter((x) => x === v).length);
  const d = referenceDelta(metric, values, nc);
  const idx = (v: number) => values.indexOf(v);
  let within = 0;
  for (const u of pairable) {
    let s = 0;
    for (let i = 0; i < u.length; i++) for (let j = 0; j < u.length; j++) if (i !== j) s += d(idx(u[i]), idx(u[j]));
    within += s / (u.length - 1);
  }
  let between = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) between += d(idx(all[i]), idx(all[j]));
  return 1 - within / n / (between / (n * (n - 1)));
}

describe("krippendorffAlpha", () => {
  it("reproduces the published values of Krippendorff's worked example", () => {
    expect(krippendorffAlpha(units, "nominal").alpha).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(units, "ordinal").alpha).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(units, "interval").alpha).toBeCloseTo(0.849, 3);
    expect(krippendorffAlpha(units, "ratio").alpha).toBeCloseTo(0.797, 3);
  });

  it("builds the coincidence matrix of the worked example (n = 40 pairable values)", () => {
    const m = coincidenceMatrix(units);
    expect(m.units).toBe(11); // unit 12 has a single value
    expect(m.n).toBeCloseTo(40, 10);
    expect(m.values).toEqual([1, 2, 3, 4, 5]);
    expect(m.nc.map((x) => Math.round(x * 1000) / 1000)).toEqual([9, 13, 10, 5, 3]);
    // symmetric
    for (let c = 0; c < 5; c++) for (let k = 0; k < 5; k++) expect(m.o[c][k]).toBeCloseTo(m.o[k][c], 12);
  });

  it("agrees with the pairwise brute-force definition on random data for every metric", () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 20; trial++) {
      const data = Array.from({ length: 15 }, () =>
        Array.from({ length: 3 }, () => (rand() < 0.2 ? null : 1 + Math.floor(rand() * 4))),
      );
      for (const metric of ["nominal", "ordinal", "interval", "ratio"] as const) {
        const got = krippendorffAlpha(data, metric).alpha;
        if (got === null) continue;
        expect(got).toBeCloseTo(bruteForceAlpha(data, metric), 10);
      }
    }
  });

  it("is 1 for perfect agreement and undefined when there is no variation", () => {
    expect(krippendorffAlpha([[1, 1], [2, 2], [3, 3]], "ordinal").alpha).toBe(1);
    expect(krippendorffAlpha([[2, 2], [2, 2]], "ordinal").alpha).toBeNull();
    expect(krippendorffAlpha([[1, null], [2]], "ordinal").alpha).toBeNull();
  });

  it("is negative when coders systematically disagree", () => {
    const alpha = krippendorffAlpha([[1, 2], [2, 1], [1, 2], [2, 1]], "nominal").alpha!;
    expect(alpha).toBeLessThan(0);
  });
});
