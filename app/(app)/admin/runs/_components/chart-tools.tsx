"use client";
// The controls every set of charts shares: smoothing, log scale, step or wall time on x.
import { useT } from "@/app/_components/i18n-provider";
import type { XAxisMode } from "@/app/_lib/runs/chart-series";
import styles from "./runs.module.css";

export type ChartOptions = { smoothing: number; logScale: boolean; x: XAxisMode };
export const DEFAULT_CHART_OPTIONS: ChartOptions = { smoothing: 0, logScale: false, x: "step" };

export function ChartTools({ value, onChange, idPrefix }: { value: ChartOptions; onChange: (v: ChartOptions) => void; idPrefix: string }) {
  const t = useT();
  return (
    <div className={styles.chartTools}>
      <div className="field">
        <label htmlFor={`${idPrefix}-smoothing`}>{t("runs.chart.smoothing", { v: value.smoothing.toFixed(2) })}</label>
        <input id={`${idPrefix}-smoothing`} type="range" min={0} max={0.99} step={0.01} value={value.smoothing} onChange={(e) => onChange({ ...value, smoothing: Number(e.target.value) })} />
      </div>
      <label className="row" style={{ gap: "0.4rem" }}>
        <input type="checkbox" checked={value.logScale} onChange={(e) => onChange({ ...value, logScale: e.target.checked })} />
        {t("runs.chart.logScale")}
      </label>
      <div className="field">
        <label htmlFor={`${idPrefix}-x`}>{t("runs.chart.x")}</label>
        <select id={`${idPrefix}-x`} value={value.x} onChange={(e) => onChange({ ...value, x: e.target.value as XAxisMode })}>
          <option value="step">{t("runs.chart.xStep")}</option>
          <option value="time">{t("runs.chart.xTime")}</option>
        </select>
      </div>
    </div>
  );
}
