// Metric rows → what one chart draws, the way an ML engineer expects from W&B or TensorBoard:
//  - x is the step, or the wall time since the series' first point (a resumed run keeps its steps);
//  - a sparse series (eval every 50 steps on a 14-step run) is drawn as dots, not as a line that
//    suggests values between its points;
//  - smoothing is TensorBoard's debiased exponential moving average, drawn over a faint raw line;
//  - tick labels carry as many digits as the visible range needs (not "9.987" on every tick);
//  - charts are grouped by the key's prefix ("loss/…", "reward/…"), the key metrics pinned first.
import { latestPerStep, type MetricRow, metricKeys } from "./metric-series";

export type XAxisMode = "step" | "time";
export type ChartSeries = { key: string; count: number; sparse: boolean; smoothedKey: string | null };
export type ChartData = { points: Record<string, number>[]; series: ChartSeries[]; positive: boolean };

const SMOOTH_SUFFIX = "~smooth";

/** Series with fewer points than this, or a third of the densest series' points, are drawn as dots. */
const SPARSE_BELOW = 3;

export function emaSmooth(values: number[], weight: number): number[] {
  if (weight <= 0) return values.slice();
  const out: number[] = [];
  let last = 0;
  values.forEach((v, i) => {
    last = last * weight + (1 - weight) * v;
    out.push(last / (1 - weight ** (i + 1)));
  });
  return out;
}

/** One chart of `metric`: one series per group (a split on the run page, a run in the comparison). */
export function chartData(groups: { key: string; rows: MetricRow[] }[], metric: string, opts: { x: XAxisMode; smoothing: number }): ChartData {
  const byX = new Map<number, Record<string, number>>();
  const series: ChartSeries[] = [];
  let positive = true;
  for (const g of groups) {
    const rows = latestPerStep(g.rows).filter((r) => r.data[metric] !== undefined).sort((a, b) => a.step - b.step);
    if (rows.length === 0) continue; // a legend names only series that exist
    const t0 = Math.min(...rows.map((r) => r.data.time ?? Infinity));
    const xs = rows.map((r) => (opts.x === "time" ? (Number.isFinite(t0) && r.data.time !== undefined ? r.data.time - t0 : NaN) : r.step));
    const ys = rows.map((r) => r.data[metric]);
    const smooth = opts.smoothing > 0 && rows.length >= SPARSE_BELOW ? emaSmooth(ys, opts.smoothing) : null;
    const smoothedKey = smooth ? `${g.key}${SMOOTH_SUFFIX}` : null;
    rows.forEach((_, i) => {
      if (!Number.isFinite(xs[i])) return;
      const p = byX.get(xs[i]) ?? { x: xs[i] };
      p[g.key] = ys[i];
      if (smooth && smoothedKey) p[smoothedKey] = smooth[i];
      if (ys[i] <= 0) positive = false;
      byX.set(xs[i], p);
    });
    series.push({ key: g.key, count: rows.length, sparse: false, smoothedKey });
  }
  const densest = Math.max(0, ...series.map((s) => s.count));
  for (const s of series) {
    s.sparse = s.count < SPARSE_BELOW || s.count * 3 <= densest;
    if (s.sparse) s.smoothedKey = null;
  }
  return { points: [...byX.values()].sort((a, b) => a.x - b.x), series, positive };
}

/** Tick labels for values spanning [min, max]: enough decimals to tell ticks ~1/4 of the range apart. */
export function tickFormatter(min: number, max: number): (v: number) => string {
  const span = Math.abs(max - min);
  const magnitude = Math.max(Math.abs(min), Math.abs(max));
  if (magnitude !== 0 && (magnitude >= 1e6 || magnitude < 1e-3)) return (v) => (v === 0 ? "0" : v.toExponential(span > 0 && span / magnitude < 0.01 ? 4 : 1));
  if (magnitude >= 1e4 && span >= 100) return (v) => `${Number((v / 1000).toFixed(span >= 1e4 ? 0 : 1))}k`;
  const step = span > 0 ? span / 4 : magnitude > 0 ? magnitude / 100 : 1;
  const decimals = Math.min(8, Math.max(0, Math.ceil(-Math.log10(step))));
  return (v) => v.toFixed(decimals);
}

/** The visible range of a chart's values (raw and smoothed), for `tickFormatter`. */
export function valueRange(points: Record<string, number>[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const p of points) {
    for (const [k, v] of Object.entries(p)) {
      if (k === "x") continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return Number.isFinite(min) ? [min, max] : [0, 1];
}

// The numbers a reader checks first, per run kind; then everything else, by prefix.
const PINNED = [
  "reward/accuracy", "reward/kendall_tau", "loss/rm",
  "objective/reward", "objective/kl", "objective/kl_coef", "rollout/answer_tokens", "objective/score",
];

export type ChartGroup = { name: string; keys: string[] };

export function chartGroups(rows: MetricRow[]): ChartGroup[] {
  const keys = metricKeys(rows);
  const pinned = PINNED.filter((k) => keys.includes(k));
  const groups: ChartGroup[] = pinned.length ? [{ name: "pinned", keys: pinned }] : [];
  const byPrefix = new Map<string, string[]>();
  for (const k of keys) {
    if (pinned.includes(k)) continue;
    const prefix = k.includes("/") ? k.split("/")[0] : "other";
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), k]);
  }
  for (const [name, list] of byPrefix) groups.push({ name, keys: list });
  return groups;
}
