"use client";
// The run's charts, one per metric key the trainer wrote and one series per split, grouped by the
// key's prefix with the key metrics first; hover is shared by all of them; the best checkpoint
// (RM) is marked. Refreshed while the run is live.
import { useMemo, useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { errorText } from "@/app/_components/query-view";
import { useRunMetrics } from "@/app/_hooks/use-runs";
import { chartData, chartGroups } from "@/app/_lib/runs/chart-series";
import { splits } from "@/app/_lib/runs/metric-series";
import { ChartTools, DEFAULT_CHART_OPTIONS } from "./chart-tools";
import { COLORS, MetricChart } from "./metric-chart";
import styles from "./runs.module.css";

export function RunCharts({ runId, live, bestStep }: { runId: string; live: boolean; bestStep: number | null }) {
  const t = useT();
  const metrics = useRunMetrics(runId, live);
  const [options, setOptions] = useState(DEFAULT_CHART_OPTIONS);
  const points = useMemo(() => metrics.data?.points ?? [], [metrics.data]);
  const groups = useMemo(() => chartGroups(points), [points]);
  const splitNames = useMemo(() => splits(points), [points]);
  const bySplit = useMemo(() => splitNames.map((s) => ({ key: s, rows: points.filter((p) => p.split === s) })), [splitNames, points]);
  const labels = Object.fromEntries(splitNames.map((s) => [s, t(`runs.split.${s}`)]));
  const colors = Object.fromEntries(splitNames.map((s, i) => [s, COLORS[i % COLORS.length]]));
  return (
    <section className="stack" aria-labelledby="run-charts">
      <div className="row" style={{ justifyContent: "space-between", alignItems: "flex-end" }}>
        <h2 id="run-charts" style={{ margin: 0 }}>
          {t("runs.charts")} <span className="muted" style={{ fontSize: "0.85rem" }} data-testid="metric-points">{t("runs.points", { n: points.length })}</span>
        </h2>
        {groups.length ? <ChartTools value={options} onChange={setOptions} idPrefix="run-chart" /> : null}
      </div>
      {metrics.isError ? <p className="error">{errorText(metrics.error)}</p> : null}
      {groups.length === 0 ? (
        <p className="muted">{live ? t("runs.noMetricsYet") : t("runs.noMetrics")}</p>
      ) : (
        groups.map((g) => (
          <details key={g.name} open={g.name !== "perf" && g.name !== "timing"} data-testid={`chart-group-${g.name}`}>
            <summary className={styles.chartGroup}>{g.name === "pinned" ? t("runs.chart.pinned") : g.name === "other" ? t("runs.chart.other") : `${g.name}/`} <span className="muted">({g.keys.length})</span></summary>
            <div className={styles.charts}>
              {g.keys.map((key) => (
                <MetricChart
                  key={key}
                  title={key}
                  data={chartData(bySplit, key, options)}
                  labels={labels}
                  colors={colors}
                  x={options.x}
                  logScale={options.logScale}
                  syncId={`run-${runId}`}
                  bestStep={bestStep}
                />
              ))}
            </div>
          </details>
        ))
      )}
    </section>
  );
}
