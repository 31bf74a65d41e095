"use client";
// Several runs on the same charts (one series per run). Each metric is drawn from the split that
// holds it (eval first: a held-out metric is what a comparison is about) unless a split is chosen;
// the table compares the value at each run's best checkpoint with its final value, then the
// hyperparameters that differ.
import Link from "next/link";
import { useMemo, useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { errorText } from "@/app/_components/query-view";
import { useCompareRuns } from "@/app/_hooks/use-runs";
import { chartData, chartGroups } from "@/app/_lib/runs/chart-series";
import { latestPerStep, type MetricRow, splits } from "@/app/_lib/runs/metric-series";
import { runHeadline } from "@/app/_lib/runs/run-headline";
import { ChartTools, DEFAULT_CHART_OPTIONS } from "./chart-tools";
import { COLORS, formatMetric, MetricChart } from "./metric-chart";
import { RunStatusBadge } from "./run-status-badge";
import styles from "./runs.module.css";

const fmt = (v: unknown) => (typeof v === "number" ? formatMetric(v) : v === undefined || v === null ? "—" : JSON.stringify(v));

/** The split a metric is read from: the chosen one, or eval when any run has it there, else train. */
export function splitFor(key: string, rows: MetricRow[], chosen: string): string {
  if (chosen !== "auto") return chosen;
  const holding = splits(rows.filter((r) => r.data[key] !== undefined));
  return holding.includes("eval") ? "eval" : (holding[0] ?? "train");
}

function valueAt(rows: MetricRow[], split: string, key: string, step: number | null): number | undefined {
  const ordered = latestPerStep(rows).filter((r) => r.split === split && r.data[key] !== undefined).sort((a, b) => a.step - b.step);
  if (step === null) return ordered.at(-1)?.data[key];
  return ordered.find((r) => r.step === step)?.data[key];
}

export function CompareView({ ids }: { ids: string[] }) {
  const t = useT();
  const data = useCompareRuns(ids);
  const runs = useMemo(() => data.data?.runs ?? [], [data.data]);
  const allPoints = useMemo(() => runs.flatMap((r) => r.points), [runs]);
  const groups = useMemo(() => chartGroups(allPoints), [allPoints]);
  const keys = useMemo(() => groups.flatMap((g) => g.keys), [groups]);
  const splitNames = useMemo(() => splits(allPoints), [allPoints]);
  const [split, setSplit] = useState("auto");
  const [options, setOptions] = useState(DEFAULT_CHART_OPTIONS);
  const [picked, setPicked] = useState<string[] | null>(null);
  const shown = picked ?? keys.slice(0, 6);
  const configKeys = useMemo(() => [...new Set(runs.flatMap((r) => Object.keys(r.config)))].sort(), [runs]);
  const differing = configKeys.filter((k) => new Set(runs.map((r) => JSON.stringify(r.config[k]))).size > 1);
  const bestSteps = useMemo(
    // the trainer's summary once a run is done; while it runs, the best eval row so far
    () => runs.map((r) => r.headline.rm?.best?.step ?? runHeadline({ kind: r.kind, summary: null, rows: r.points, config: r.config, timing: r }).rm?.best?.step ?? null),
    [runs],
  );

  if (ids.length === 0) return <p className="muted">{t("runs.compareNone")}</p>;
  if (data.isPending) return <p className="muted">{t("common.loading")}</p>;
  if (data.isError) return <p className="error" role="alert">{errorText(data.error)}</p>;
  const labels = Object.fromEntries(runs.map((r) => [r.id, r.name]));
  const colors = Object.fromEntries(runs.map((r, i) => [r.id, COLORS[i % COLORS.length]]));
  const anyBest = bestSteps.some((s) => s !== null);

  return (
    <div className="stack">
      <Link href="/admin/runs" className="muted">← {t("runs.title")}</Link>
      <h1>{t("runs.compareTitle")}</h1>
      <div className={styles.chartTools}>
        <div className="field">
          <label htmlFor="cmp-split">{t("runs.splitLabel")}</label>
          <select id="cmp-split" value={split} onChange={(e) => setSplit(e.target.value)}>
            <option value="auto">{t("runs.split.auto")}</option>
            {splitNames.map((s) => (
              <option key={s} value={s}>{t(`runs.split.${s}`)}</option>
            ))}
          </select>
        </div>
        <ChartTools value={options} onChange={setOptions} idPrefix="cmp-chart" />
      </div>
      <fieldset className="row" style={{ border: 0, padding: 0 }}>
        <legend className="visually-hidden">{t("runs.metricsLabel")}</legend>
        {keys.map((k) => (
          <label key={k} className="row" style={{ gap: "0.3rem" }}>
            <input type="checkbox" checked={shown.includes(k)} onChange={() => setPicked(shown.includes(k) ? shown.filter((x) => x !== k) : [...shown, k])} />
            <span className={styles.mono}>{k}</span>
          </label>
        ))}
      </fieldset>
      {keys.length === 0 ? <p className="muted">{t("runs.noMetrics")}</p> : null}
      <div className={styles.charts}>
        {shown.map((key) => {
          const s = splitFor(key, allPoints, split);
          return (
            <MetricChart
              key={key}
              title={key}
              note={t(`runs.split.${s}`)}
              data={chartData(runs.map((r) => ({ key: r.id, rows: r.points.filter((p) => p.split === s) })), key, options)}
              labels={labels}
              colors={colors}
              x={options.x}
              logScale={options.logScale}
              syncId="compare"
            />
          );
        })}
      </div>
      <div className="table-wrap">
        <table className="table" data-testid="compare-table">
          <thead>
            <tr>
              <th />
              {runs.map((r) => (
                <th key={r.id}>
                  <Link href={`/admin/runs/${r.id}`}>{r.name}</Link> <RunStatusBadge status={r.status} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {anyBest ? (
              <tr>
                <td>{t("runs.head.bestStep")}</td>
                {bestSteps.map((s, i) => <td key={runs[i].id}>{s ?? "—"}</td>)}
              </tr>
            ) : null}
            {keys.flatMap((k) => {
              const s = splitFor(k, allPoints, split);
              const rows = [
                <tr key={`${k}-final`}>
                  <td className={styles.mono}>{k} · {t(`runs.split.${s}`)} · {t("runs.cmp.final")}</td>
                  {runs.map((r) => <td key={r.id}>{fmt(valueAt(r.points, s, k, null))}</td>)}
                </tr>,
              ];
              if (anyBest && s === "eval") {
                rows.unshift(
                  <tr key={`${k}-best`}>
                    <td className={styles.mono}>{k} · {t(`runs.split.${s}`)} · {t("runs.cmp.best")}</td>
                    {runs.map((r, i) => <td key={r.id}>{bestSteps[i] === null ? "—" : fmt(valueAt(r.points, s, k, bestSteps[i]))}</td>)}
                  </tr>,
                );
              }
              return rows;
            })}
            {differing.map((k) => (
              <tr key={`cfg-${k}`}>
                <td className={styles.mono}>config.{k}</td>
                {runs.map((r) => <td key={r.id}>{fmt(r.config[k])}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
