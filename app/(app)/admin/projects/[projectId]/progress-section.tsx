"use client";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useT } from "@/app/_components/i18n-provider";
import type { DashboardData } from "@/app/_hooks/use-dashboard";
import { STATUS_COLORS, STATUSES } from "../progress-bar";
import styles from "./dashboard.module.css";

export function ProgressSection({ progress, daily }: { progress: DashboardData["progress"]; daily: DashboardData["daily"] }) {
  const t = useT();
  const bars = STATUSES.map((s) => ({ status: s, label: t(`admin.status.${s}`), count: progress[s] }));
  return (
    <>
      <section className="card stack" aria-labelledby="dash-progress">
        <h2 id="dash-progress">{t("admin.dash.progress")}</h2>
        <p className="muted" data-testid="dash-progress-total">
          {t("admin.dash.total", { total: progress.total, final: progress.FINAL, adjudicated: progress.adjudicated })}
        </p>
        <div className={styles.chart}>
          <ResponsiveContainer>
            <BarChart data={bars} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 12 }} interval={0} />
              <YAxis allowDecimals={false} width={64} />
              <Tooltip />
              <Bar dataKey="count" name={t("admin.projects.items")}>
                {bars.map((b) => (
                  <Cell key={b.status} fill={STATUS_COLORS[b.status]} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
        <table className="table">
          <tbody>
            {bars.map((b) => (
              <tr key={b.status}>
                <th scope="row">{b.label}</th>
                <td data-testid={`dash-status-${b.status}`}>{b.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
