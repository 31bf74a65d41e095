"use client";
// Project-level agreement figures and a heatmap of agreement per annotator pair.
import { useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import type { DashboardData } from "@/app/_hooks/use-dashboard";
import { fixed, pct } from "./format";
import styles from "./dashboard.module.css";

type Metric = "exactOrder" | "top1" | "meanKendallTau";
const METRICS: { key: Metric; label: string }[] = [
  { key: "exactOrder", label: "admin.dash.exactOrder" },
  { key: "top1", label: "admin.dash.top1" },
  { key: "meanKendallTau", label: "admin.dash.kendall" },
];

/** Red (disagree) → green (agree); tau runs −1..1, the shares 0..1. */
function heat(value: number | null, metric: Metric): string | undefined {
  if (value === null) return undefined;
  const x = metric === "meanKendallTau" ? (value + 1) / 2 : value;
  return `hsl(${Math.round(120 * x)}, 65%, 85%)`;
}

export function AgreementSection({ agreement, people }: { agreement: DashboardData["agreement"]; people: DashboardData["people"] }) {
  const t = useT();
  const [metric, setMetric] = useState<Metric>("exactOrder");
  const p = agreement.project;
  const inPairs = new Set(agreement.pairs.flatMap((x) => [x.annotatorA, x.annotatorB]));
  const annotators = people.filter((x) => inPairs.has(x.id));
  const pairOf = (a: string, b: string) =>
    agreement.pairs.find((x) => (x.annotatorA === a && x.annotatorB === b) || (x.annotatorA === b && x.annotatorB === a));
  const format = (v: number | null) => (metric === "meanKendallTau" ? fixed(v) : pct(v));

  return (
    <section className={`card stack ${styles.wide}`} aria-labelledby="dash-agreement">
      <h2 id="dash-agreement">{t("admin.dash.agreement")}</h2>
      {p.comparisons === 0 ? (
        <p className="muted">{t("admin.dash.noAgreement")}</p>
      ) : (
        <>
          <div className={styles.stats}>
            <div className={styles.stat}>
              <span className="muted">{t("admin.dash.exactOrder")}</span>
              <strong data-testid="dash-exact-order">{pct(p.exactOrder)}</strong>
            </div>
            <div className={styles.stat}>
              <span className="muted">{t("admin.dash.top1")}</span>
              <strong>{pct(p.top1)}</strong>
            </div>
            <div className={styles.stat}>
              <span className="muted">{t("admin.dash.kendall")}</span>
              <strong>{fixed(p.meanKendallTau)}</strong>
            </div>
            <div className={styles.stat} title={t("admin.dash.alphaHint")}>
              <span className="muted">{t("admin.dash.alpha")}</span>
              <strong>{fixed(p.krippendorffAlpha, 3)}</strong>
            </div>
            <div className={styles.stat}>
              <span className="muted">{t("admin.dash.doubleRanked")}</span>
              <strong>{p.items}</strong>
            </div>
            <div className={styles.stat}>
              <span className="muted">{t("admin.dash.comparisons")}</span>
              <strong>{p.comparisons}</strong>
            </div>
          </div>
          <p className="muted" style={{ fontSize: "0.85rem" }}>
            {t("admin.dash.alphaHint")}
          </p>
          <h3>{t("admin.dash.pairs")}</h3>
          <div className="field" style={{ maxWidth: 320 }}>
            <label htmlFor="pair-metric">{t("admin.dash.pairMetric")}</label>
            <select id="pair-metric" value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
              {METRICS.map((m) => (
                <option key={m.key} value={m.key}>
                  {t(m.label)}
                </option>
              ))}
            </select>
          </div>
          <div className="table-wrap">
            <table className={`table ${styles.heatmap}`}>
              <thead>
                <tr>
                  <th />
                  {annotators.map((a) => (
                    <th key={a.id} scope="col" title={a.email}>
                      {a.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {annotators.map((row) => (
                  <tr key={row.id}>
                    <th scope="row" title={row.email}>
                      {row.name}
                    </th>
                    {annotators.map((col) => {
                      if (row.id === col.id) return <td key={col.id} className="muted">—</td>;
                      const pair = pairOf(row.id, col.id);
                      const value = pair ? pair[metric] : null;
                      return (
                        <td key={col.id} style={{ background: heat(value, metric) }} title={pair ? `${t("admin.dash.comparisons")}: ${pair.comparisons}` : undefined}>
                          {pair ? format(value) : ""}
                          {pair ? <div className="muted" style={{ fontSize: "0.75rem" }}>n={pair.comparisons}</div> : null}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
