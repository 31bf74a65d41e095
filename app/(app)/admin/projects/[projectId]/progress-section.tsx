"use client";
// Progress as shares of the work: one stacked bar of the items by status (each status's width is
// its share, so 4,695 open items and 1 final one read right, where separate bars on one axis
// would flatten the small ones to nothing), with the exact counts beside it. Gold items are
// quality checks, not work: counted apart.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useT } from "@/app/_components/i18n-provider";
import type { DashboardData } from "@/app/_hooks/use-dashboard";
import { STATUS_COLORS, STATUSES } from "../progress-bar";
import { pct } from "./format";
import styles from "./dashboard.module.css";

export function ProgressSection({ progress, daily }: { progress: DashboardData["progress"]; daily: DashboardData["daily"] }) {
  const t = useT();
  const total = progress.total;
  const parts = STATUSES.map((s) => ({ status: s, label: t(`admin.status.${s}`), count: progress[s], share: total ? progress[s] / total : 0 }));
  const summary = parts.map((p) => `${p.label} ${p.count} (${pct(p.share)})`).join(" · ");
  return (
    <>
      <section className="card stack" aria-labelledby="dash-progress">
        <h2 id="dash-progress">{t("admin.dash.progress")}</h2>
        <p className="muted" data-testid="dash-progress-total">
          {t("admin.dash.total", { total: progress.total, final: progress.FINAL, adjudicated: progress.adjudicated })}
        </p>
        <div className={styles.shareBar} role="img" aria-label={summary} data-testid="dash-share-bar">
          {total > 0
            ? parts.map((p) =>
                p.count ? (
                  <span key={p.status} style={{ flexGrow: p.count, background: STATUS_COLORS[p.status] }} title={`${p.label} ${p.count}`} />
                ) : null,
              )
            : null}
        </div>
        <table className="table">
          <tbody>
            {parts.map((p) => (
              <tr key={p.status}>
                <th scope="row">
                  <span className={styles.swatch} style={{ background: STATUS_COLORS[p.status] }} aria-hidden="true" />
                  {p.label}
                </th>
                <td data-testid={`dash-status-${p.status}`}>{p.count}</td>
                <td className="muted">{pct(p.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted" data-testid="dash-gold-count">
          {t("admin.dash.goldApart", { n: progress.GOLD })}
        </p>
      </section>
      <section className="card stack" aria-labelledby="dash-daily">
        <h2 id="dash-daily">{t("admin.dash.daily")}</h2>
        <div className={styles.chart}>
          <ResponsiveContainer>
            <BarChart data={daily} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} tick={{ fontSize: 12 }} />
              <YAxis allowDecimals={false} width={64} />
              <Tooltip />
              <Bar dataKey="rankings" name={t("admin.dash.rankings")} fill="#0b6e99" />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </section>
    </>
  );
}
