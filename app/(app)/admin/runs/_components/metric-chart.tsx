"use client";
// One metric over steps: a line per split (train / eval) or, in the comparison view, per run.
// Animation is off: the chart is redrawn every poll while a run trains.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartPoint } from "@/app/_lib/runs/metric-series";
import styles from "./runs.module.css";

const COLORS = ["#0b6e99", "#d2691e", "#1a7f37", "#8250df", "#b42318", "#9a6700", "#0a3069", "#6e7781"];

/** Four significant digits; exponent notation for the very large and very small (learning rates). */
export const formatMetric = (v: unknown) => {
  if (typeof v !== "number") return String(v);
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
};
const fmt = formatMetric;

export function MetricChart(props: { title: string; data: ChartPoint[]; series: { key: string; label: string }[] }) {
  return (
    <figure className="card" style={{ margin: 0 }} data-testid={`chart-${props.title}`}>
      <figcaption className={styles.chartTitle}>{props.title}</figcaption>
      <div className={styles.chart}>
        <ResponsiveContainer>
          <LineChart data={props.data} margin={{ top: 6, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="step" type="number" domain={["dataMin", "dataMax"]} tick={{ fontSize: 11 }} allowDecimals={false} />
            <YAxis tick={{ fontSize: 11 }} width={56} tickFormatter={fmt} domain={["auto", "auto"]} />
            <Tooltip formatter={fmt} labelFormatter={(s) => `step ${s}`} />
            {props.series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
            {props.series.map((s, i) => (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.label}
                stroke={COLORS[i % COLORS.length]}
                dot={props.data.length < 30}
                isAnimationActive={false}
                connectNulls
                strokeWidth={1.8}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
