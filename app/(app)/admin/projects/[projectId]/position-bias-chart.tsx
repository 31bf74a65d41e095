"use client";
import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useT } from "@/app/_components/i18n-provider";
import type { DashboardData } from "@/app/_hooks/use-dashboard";
import { pValue } from "./format";
import styles from "./dashboard.module.css";

export function PositionBiasChart({ bias }: { bias: DashboardData["positionBias"] }) {
  const t = useT();
  const data = bias.slots.map((s) => ({ slot: t("admin.dash.slot", { n: s.slot + 1 }), share: Math.round(s.share * 1000) / 10 }));
  return (
    <section className="card stack" aria-labelledby="dash-bias">
      <h2 id="dash-bias">{t("admin.dash.positionBias")}</h2>
      <p className="muted" style={{ fontSize: "0.85rem" }}>
        {t("admin.dash.positionHint")}
      </p>
      {bias.rankings === 0 ? (
        <p className="muted">{t("admin.dash.noBias")}</p>
      ) : (
        <>
          <div className={styles.chart}>
            <ResponsiveContainer>
              <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="slot" tick={{ fontSize: 12 }} />
                <YAxis unit="%" width={48} domain={[0, (max: number) => Math.ceil((Math.max(max, 100 / bias.k) * 1.15) / 10) * 10]} />
                <Tooltip formatter={(v) => `${v}%`} />
                <Bar dataKey="share" name={t("admin.dash.share")} fill="#0b6e99" />
                <ReferenceLine
                  y={100 / bias.k}
                  stroke="#b42318"
                  strokeDasharray="6 3"
                  label={{ value: t("admin.dash.expected"), position: "insideTopRight", fontSize: 12 }}
                />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <p>{t("admin.dash.chiSquare", { chi: bias.chiSquare.toFixed(2), df: bias.degreesOfFreedom, p: pValue(bias.pValue) })}</p>
          {bias.pValue !== null && bias.pValue < 0.05 ? (
            <p className="badge badge-warn" style={{ whiteSpace: "normal" }}>
              {t("admin.dash.biasWarning")}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
