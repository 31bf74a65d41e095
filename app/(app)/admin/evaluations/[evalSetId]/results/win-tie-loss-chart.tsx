"use client";
// The paper's figure: one horizontal bar per dimension, stacked win / tie / loss shares of
// system A, with the counts written on the segments. The same numbers are in the table below,
// which is what assistive technology reads: the chart is hidden from it and takes no focus.
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useT } from "@/app/_components/i18n-provider";
import { DIMENSIONS, type PairResults } from "@/app/_lib/evaluation/stats/summarize";
import styles from "./results.module.css";

export const OUTCOME_COLORS = { win: "#0b6e99", tie: "#c9d2dc", loss: "#b42318" } as const;
const LABEL_COLORS = { win: "#ffffff", tie: "#1c2430", loss: "#ffffff" } as const;

export function WinTieLossChart({ results, a, b }: { results: PairResults; a: string; b: string }) {
  const t = useT();
  const data = DIMENSIONS.map((d) => {
    const r = results.dimensions[d];
    const share = (x: number) => (r.n ? Math.round((1000 * x) / r.n) / 10 : 0);
    return { name: t(`judge.dimension.${d}`), win: share(r.win), tie: share(r.tie), loss: share(r.loss), winN: r.win, tieN: r.tie, lossN: r.loss };
  });
  return (
    <figure style={{ margin: 0 }} aria-labelledby="wtl-title" aria-describedby="wtl-desc">
      <figcaption>
        <h3 id="wtl-title" style={{ marginTop: 0 }}>
          {t("evalResults.chart.title", { a, b })}
        </h3>
        <p id="wtl-desc" className="muted" style={{ fontSize: "0.85rem", margin: 0 }}>
          {t("evalResults.chart.desc", { a })}
        </p>
      </figcaption>
      <ul className={styles.legend} aria-hidden="true">
        {(["win", "tie", "loss"] as const).map((k) => (
          <li key={k}>
            <span className={styles.swatch} style={{ background: OUTCOME_COLORS[k] }} />
            {t(`evalResults.${k}`)}
          </li>
        ))}
      </ul>
      <div className={styles.chart} data-testid="win-tie-loss-chart" aria-hidden="true">
        <ResponsiveContainer>
          <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ top: 4, right: 16, bottom: 4, left: 8 }} barCategoryGap="25%">
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} />
            <YAxis type="category" dataKey="name" width={112} tick={{ fontSize: 13 }} />
            <Tooltip formatter={(v) => `${v}%`} />
            {(["win", "tie", "loss"] as const).map((k) => (
              <Bar key={k} dataKey={k} stackId="wtl" name={t(`evalResults.${k}`)} fill={OUTCOME_COLORS[k]} isAnimationActive={false}>
                <LabelList dataKey={`${k}N`} position="center" fill={LABEL_COLORS[k]} fontSize={12} formatter={(v) => (Number(v) > 0 ? String(v) : "")} />
              </Bar>
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
