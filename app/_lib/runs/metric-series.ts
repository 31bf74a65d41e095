// Stored metric rows → the series the run page and the comparison view chart.
// A resumed attempt re-writes the steps after its checkpoint: for each (split, step) the
// most recent row wins, so a chart never shows two values for one step.

export type MetricRow = { id: number; attempt: number; step: number; split: string; data: Record<string, number> };
export type ChartPoint = { step: number } & Record<string, number>;

// The metrics an admin reads first come first: losses and rewards, then the optimiser, then speed/memory.
const NAMESPACE_ORDER = ["loss", "reward", "objective", "policy", "val", "train"];
const rank = (key: string) => {
  if (key.startsWith("perf/")) return NAMESPACE_ORDER.length + 2;
  const i = NAMESPACE_ORDER.indexOf(key.split("/")[0]);
  return i === -1 ? (key.includes("/") ? NAMESPACE_ORDER.length : NAMESPACE_ORDER.length + 1) : i;
};

/** Keys the trainer wrote (namespaced), in reading order; "time" is not a metric. */
export function metricKeys(rows: MetricRow[]): string[] {
  const keys = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.data)) if (k !== "time") keys.add(k);
  return [...keys].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function splits(rows: MetricRow[]): string[] {
  return [...new Set(rows.map((r) => r.split))].sort((a, b) => (a === "train" ? -1 : b === "train" ? 1 : a.localeCompare(b)));
}

/** The latest row for each (split, step). */
export function latestPerStep(rows: MetricRow[]): MetricRow[] {
  const byKey = new Map<string, MetricRow>();
  for (const r of rows) {
    const k = `${r.split}\u0000${r.step}`;
    const prev = byKey.get(k);
    if (!prev || r.attempt > prev.attempt || (r.attempt === prev.attempt && r.id > prev.id)) byKey.set(k, r);
  }
  return [...byKey.values()];
}

/** One chart for one metric key: a point per step with one value per split (`{ step, train, val }`). */
export function seriesBySplit(rows: MetricRow[], key: string): ChartPoint[] {
  const points = new Map<number, ChartPoint>();
  for (const r of latestPerStep(rows)) {
    const v = r.data[key];
    if (v === undefined) continue;
    const p = points.get(r.step) ?? ({ step: r.step } as ChartPoint);
    p[r.split] = v;
    points.set(r.step, p);
  }
  return [...points.values()].sort((a, b) => a.step - b.step);
}

/** Several runs on one chart: a point per step with one value per run id (`{ step, [runId]: v }`). */
export function seriesByRun(runs: { runId: string; rows: MetricRow[] }[], key: string, split: string): ChartPoint[] {
  const points = new Map<number, ChartPoint>();
  for (const { runId, rows } of runs) {
    for (const r of latestPerStep(rows)) {
      if (r.split !== split) continue;
      const v = r.data[key];
      if (v === undefined) continue;
      const p = points.get(r.step) ?? ({ step: r.step } as ChartPoint);
      p[runId] = v;
      points.set(r.step, p);
    }
  }
  return [...points.values()].sort((a, b) => a.step - b.step);
}

/** The last value of each key (per split), for the summary table of the comparison view. */
export function lastValues(rows: MetricRow[], split: string): Record<string, number> {
  const out: Record<string, number> = {};
  const ordered = latestPerStep(rows).filter((r) => r.split === split).sort((a, b) => a.step - b.step);
  for (const r of ordered) for (const [k, v] of Object.entries(r.data)) if (k !== "time") out[k] = v;
  return out;
}
