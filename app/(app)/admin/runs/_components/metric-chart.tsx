"use client";
// One metric: a series per split (run page) or per run (comparison), drawn as chart-series.ts
// prepares it — dots for sparse series, a smoothed line over the faint raw one, ticks with the
// digits the range needs. Charts sharing a `syncId` show their hover at the same x together.
// Animation is off: the chart is redrawn every poll while a run trains.
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useT } from "@/app/_components/i18n-provider";
import { type ChartData, tickFormatter, valueRange, type XAxisMode } from "@/app/_lib/runs/chart-series";
import { formatDuration } from "@/app/_lib/runs/progress";
import styles from "./runs.module.css";

export const COLORS = ["#0b6e99", "#c2410c", "#1a7f37", "#8250df", "#b42318", "#9a6700", "#0a3069", "#6e7781"];

/** Four significant digits; exponent notation for the very large and very small (learning rates). */
export const formatMetric = (v: unknown) => {
  if (typeof v !== "number") return String(v);
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
};

export function MetricChart(props: {
  title: string;
  /** Said after the title (the comparison: which split the metric is read from). */
  note?: string;
  data: ChartData;
  labels: Record<string, string>;
  colors: Record<string, string>;
  x: XAxisMode;
  logScale: boolean;
  syncId: string;
  bestStep?: number | null;
}) {
  const t = useT();
  const { points, series, positive } = props.data;
  const log = props.logScale && positive;
  const [min, max] = valueRange(points);
  const yTick = tickFormatter(min, max);
  const xTick = props.x === "time" ? (s: number) => formatDuration(s) : (s: number) => String(s);
  return (
    <figure className="card" style={{ margin: 0 }} data-testid={`chart-${props.title}`}>
      <figcaption className={styles.chartTitle}>
        {props.title}
        {props.note ? <span className="muted"> · {props.note}</span> : null}
        {props.logScale && !positive ? <span className="muted"> · {t("runs.chart.noLog")}</span> : null}
      </figcaption>
      <div className={styles.chart}>
        <ResponsiveContainer>
          <LineChart data={points} margin={{ top: 6, right: 12, bottom: 4, left: 0 }} syncId={props.syncId} syncMethod="value">
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="x" type="number" domain={["dataMin", "dataMax"]} tick={{ fontSize: 11 }} allowDecimals={false} tickFormatter={xTick} />
            <YAxis tick={{ fontSize: 11 }} width={64} tickFormatter={yTick} domain={["auto", "auto"]} scale={log ? "log" : "auto"} allowDataOverflow={false} />
            <Tooltip
              formatter={(v, name) => [formatMetric(v), name]}
              labelFormatter={(x) => (props.x === "time" ? formatDuration(Number(x)) : t("runs.step", { step: Number(x) }))}
            />
            {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
            {props.bestStep !== null && props.bestStep !== undefined && props.x === "step" ? (
              <ReferenceLine x={props.bestStep} stroke="#1a7f37" strokeDasharray="4 3" label={{ value: t("runs.chart.best"), fontSize: 11, fill: "#1a7f37", position: "insideTopRight" }} />
            ) : null}
            {series.flatMap((s) => {
              const color = props.colors[s.key] ?? COLORS[0];
              const name = props.labels[s.key] ?? s.key;
              const raw = (
                <Line
                  key={s.key}
                  dataKey={s.key}
                  name={name}
                  stroke={color}
                  strokeOpacity={s.sparse ? 0 : s.smoothedKey ? 0.25 : 1}
                  dot={s.sparse || s.count < 30 ? { r: s.sparse ? 3.5 : 2, fill: color, stroke: color } : false}
                  activeDot={{ r: 4 }}
                  isAnimationActive={false}
                  connectNulls={!s.sparse}
                  strokeWidth={1.8}
                />
              );
              if (!s.smoothedKey) return [raw];
              return [
                raw,
                <Line key={s.smoothedKey} dataKey={s.smoothedKey} name={`${name} (${t("runs.chart.smoothed")})`} stroke={color} dot={false} isAnimationActive={false} connectNulls strokeWidth={2} legendType="none" />,
              ];
            })}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
