"use client";
// A chart per metric key the trainer wrote, one line per split; refreshed while the run is live.
import { useMemo } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { errorText } from "@/app/_components/query-view";
import { useRunMetrics } from "@/app/_hooks/use-runs";
import { metricKeys, seriesBySplit, splits } from "@/app/_lib/runs/metric-series";
import { MetricChart } from "./metric-chart";
import styles from "./runs.module.css";

export function RunCharts({ runId, live }: { runId: string; live: boolean }) {
  const t = useT();
  const metrics = useRunMetrics(runId, live);
  const points = useMemo(() => metrics.data?.points ?? [], [metrics.data]);
  const keys = useMemo(() => metricKeys(points), [points]);
  const series = useMemo(() => splits(points).map((s) => ({ key: s, label: t(`runs.split.${s}`) })), [points, t]);
  return (
    <section className="stack" aria-labelledby="run-charts">
      <h2 id="run-charts">
        {t("runs.charts")} <span className="muted" style={{ fontSize: "0.85rem" }} data-testid="metric-points">{t("runs.points", { n: points.length })}</span>
      </h2>
      {metrics.isError ? <p className="error">{errorText(metrics.error)}</p> : null}
      {keys.length === 0 ? (
        <p className="muted">{live ? t("runs.noMetricsYet") : t("runs.noMetrics")}</p>
      ) : (
        <div className={styles.charts}>
          {keys.map((key) => (
            <MetricChart key={key} title={key} data={seriesBySplit(points, key)} series={series} />
          ))}
        </div>
      )}
    </section>
  );
}
