"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useT } from "@/app/_components/i18n-provider";
import type { DashboardData } from "@/app/_hooks/use-dashboard";
import { fixed, seconds } from "./format";
import styles from "./dashboard.module.css";

export function ThroughputSection({ annotators }: { annotators: DashboardData["annotators"] }) {
  const t = useT();
  const chart = annotators.map((a) => ({
    name: a.name,
    perDay: a.rankingsPerDay === null ? 0 : Math.round(a.rankingsPerDay * 10) / 10,
  }));
  return (
    <section className={`card stack ${styles.wide}`} aria-labelledby="dash-throughput">
      <h2 id="dash-throughput">{t("admin.dash.annotators")}</h2>
      {annotators.length === 0 ? (
        <p className="muted">{t("admin.dash.noRankings")}</p>
      ) : (
        <>
          {/* one measure per chart: time per ranking is in the table (no second axis) */}
          <div className={styles.chart}>
            <ResponsiveContainer>
              <BarChart data={chart} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="name" tick={{ fontSize: 12 }} />
                <YAxis width={56} />
                <Tooltip />
                <Bar dataKey="perDay" name={t("admin.dash.perDay")} fill="#0b6e99" />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t("admin.dash.annotator")}</th>
                  <th>{t("admin.dash.rankings")}</th>
                  <th>{t("admin.dash.activeDays")}</th>
                  <th>{t("admin.dash.perDay")}</th>
                  <th>{t("admin.dash.medianTime")}</th>
                  <th>{t("admin.dash.skips")}</th>
                  <th>{t("admin.dash.lastRanking")}</th>
                </tr>
              </thead>
              <tbody>
                {annotators.map((a) => (
                  <tr key={a.annotatorId}>
                    <td title={a.email}>{a.name}</td>
                    <td>{a.rankings}</td>
                    <td>{a.activeDays}</td>
                    <td>{fixed(a.rankingsPerDay, 1)}</td>
                    <td>{seconds(a.medianDurationMs) ?? "—"}</td>
                    <td>{a.skips}</td>
                    <td>{a.lastRankingAt ? new Date(a.lastRankingAt).toLocaleString() : "—"}</td>
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
