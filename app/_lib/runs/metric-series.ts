// Stored metric rows → their keys, splits and one row per step (chart-series.ts draws them).
// A resumed attempt re-writes the steps after its checkpoint: for each (split, step) the
// most recent row wins, so a chart never shows two values for one step.

export type MetricRow = { id: number; attempt: number; step: number; split: string; data: Record<string, number> };

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
