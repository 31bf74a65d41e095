"use client";
import Link from "next/link";
import { useMemo, useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { errorText } from "@/app/_components/query-view";
import { useCompareRuns } from "@/app/_hooks/use-runs";
import { lastValues, metricKeys, seriesByRun, splits } from "@/app/_lib/runs/metric-series";
import { MetricChart } from "./metric-chart";
import { RunStatusBadge } from "./run-status-badge";
import styles from "./runs.module.css";

const fmt = (v: unknown) => (typeof v === "number" ? Number(v.toPrecision(4)).toString() : v === undefined ? "—" : JSON.stringify(v));

export function CompareView({ ids }: { ids: string[] }) {
  const t = useT();
  const data = useCompareRuns(ids);
  const runs = useMemo(() => data.data?.runs ?? [], [data.data]);
  const allPoints = useMemo(() => runs.flatMap((r) => r.points), [runs]);
  const keys = useMemo(() => metricKeys(allPoints), [allPoints]);
  const splitNames = useMemo(() => splits(allPoints), [allPoints]);
  const [split, setSplit] = useState("train");
  const [picked, setPicked] = useState<string[] | null>(null);
  const shown = picked ?? keys.slice(0, 6);
  const configKeys = useMemo(() => [...new Set(runs.flatMap((r) => Object.keys(r.config)))].sort(), [runs]);
  const differing = configKeys.filter((k) => new Set(runs.map((r) => JSON.stringify(r.config[k]))).size > 1);

  if (ids.length === 0) return <p className="muted">{t("runs.compareNone")}</p>;
  if (data.isPending) return <p className="muted">{t("common.loading")}</p>;
  if (data.isError) return <p className="error" role="alert">{errorText(data.error)}</p>;
  const series = runs.map((r) => ({ key: r.id, label: r.name }));
  const last = runs.map((r) => lastValues(r.points, split));

  return (
    <div className="stack">
      <Link href="/admin/runs" className="muted">← {t("runs.title")}</Link>
      <h1>{t("runs.compareTitle")}</h1>
      <div className="row">
        <div className="field">
          <label htmlFor="cmp-split">{t("runs.splitLabel")}</label>
          <select id="cmp-split" value={split} onChange={(e) => setSplit(e.target.value)}>
            {splitNames.map((s) => (
              <option key={s} value={s}>{t(`runs.split.${s}`)}</option>
            ))}
          </select>
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
      </div>
      {keys.length === 0 ? <p className="muted">{t("runs.noMetrics")}</p> : null}
      <div className={styles.charts}>
        {shown.map((key) => (
          <MetricChart key={key} title={key} data={seriesByRun(runs.map((r) => ({ runId: r.id, rows: r.points })), key, split)} series={series} />
        ))}
      </div>
      <div className="table-wrap">
        <table className="table">
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
            {keys.map((k) => (
              <tr key={k}>
                <td className={styles.mono}>{k}</td>
                {last.map((values, i) => <td key={runs[i].id}>{fmt(values[k])}</td>)}
              </tr>
            ))}
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
