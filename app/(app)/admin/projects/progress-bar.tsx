"use client";
// A stacked bar of a project's items by status (awaiting candidates / open / adjudication / final).
import { useT } from "@/app/_components/i18n-provider";
import styles from "./progress-bar.module.css";

export const STATUSES = ["AWAITING_CANDIDATES", "OPEN", "ADJUDICATION", "FINAL"] as const;
export type StatusCounts = Record<(typeof STATUSES)[number], number>;
export const STATUS_COLORS: Record<(typeof STATUSES)[number], string> = {
  AWAITING_CANDIDATES: "#b8c2cc",
  OPEN: "#0b6e99",
  ADJUDICATION: "#d29922",
  FINAL: "#1a7f37",
};

export function ProgressBar({ counts }: { counts: StatusCounts }) {
  const t = useT();
  const total = STATUSES.reduce((s, k) => s + counts[k], 0);
  const label = STATUSES.map((s) => `${t(`admin.status.${s}`)} ${counts[s]}`).join(" · ");
  return (
    <div className="stack" style={{ gap: "0.25rem" }}>
      <div className={styles.bar} role="img" aria-label={label}>
        {total > 0
          ? STATUSES.map((s) =>
              counts[s] ? <span key={s} style={{ width: `${(100 * counts[s]) / total}%`, background: STATUS_COLORS[s] }} /> : null,
            )
          : null}
      </div>
      <span className="muted" style={{ fontSize: "0.8rem" }}>
        {label}
      </span>
    </div>
  );
}
