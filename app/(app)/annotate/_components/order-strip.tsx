"use client";
// The sticky strip above the answers: the ranking as it stands (A > C > · > ·, ties as =), the
// answers still to place, and the actions — submit (enabled once every answer is placed; also
// Ctrl/⌘+Enter), skip, the shortcut list. Errors of these actions appear here, next to them.
import { useT } from "@/app/_components/i18n-provider";
import { answerElementId } from "./answer-board";
import { type Placement, rankOfSlot } from "./placement";
import styles from "./order-strip.module.css";

/** "A > C = D > B", with · for an empty slot. */
export function orderSummary(pl: Placement, letterOf: Map<number, string>): string {
  return pl.slots
    .map((p, i) => `${i === 0 ? "" : pl.tied[i] ? " = " : " > "}${p === null ? "·" : (letterOf.get(p) ?? "?")}`)
    .join("");
}

type Props = {
  placement: Placement;
  letterOf: Map<number, string>;
  /** unplaced answers in display order */
  pool: number[];
  onPlaceNext: (position: number) => void;
  onClear: () => void;
  onSubmit: () => void;
  onSkip: () => void;
  onHelp: () => void;
  submitting: boolean;
  disabled: boolean;
  draftNote: string | null;
  error: string | null;
  /** the strip (its height keeps focused elements clear of it) and its error (focused when shown) */
  stripRef: React.Ref<HTMLDivElement>;
  errorRef: React.Ref<HTMLParagraphElement>;
};

export function OrderStrip(p: Props) {
  const t = useT();
  const complete = p.pool.length === 0;
  const summary = orderSummary(p.placement, p.letterOf);
  const missing = p.pool.map((x) => p.letterOf.get(x)).join(" ");
  return (
    <div ref={p.stripRef} className={styles.strip} data-testid="order-strip">
      <div className={styles.orderRow}>
        <span className={styles.label} id="order-label">
          {t("annotate.strip.order")}
        </span>
        <ol className={styles.slots} aria-labelledby="order-label" data-testid="order-summary" data-summary={summary}>
          {p.placement.slots.map((position, i) => {
            const letter = position === null ? null : p.letterOf.get(position);
            return (
              <li key={i} className={styles.slotItem}>
                {i > 0 && (
                  <span className={styles.sep} aria-hidden="true">
                    {p.placement.tied[i] ? "=" : ">"}
                  </span>
                )}
                {letter ? (
                  // the visible "1 C" stays the start of the name (WCAG 2.5.3); the rest is for screen readers
                  <a href={`#${answerElementId(letter)}`} className={styles.slot}>
                    <span className={styles.slotRank}>{rankOfSlot(p.placement, i)}</span>
                    {letter}
                    <span className="visually-hidden">{t("annotate.strip.slotFilled", { rank: rankOfSlot(p.placement, i), label: letter })}</span>
                  </a>
                ) : (
                  <span className={`${styles.slot} ${styles.slotEmpty}`}>
                    <span className={styles.slotRank}>{i + 1}</span>·<span className="visually-hidden">{t("annotate.strip.slotEmpty", { rank: i + 1 })}</span>
                  </span>
                )}
              </li>
            );
          })}
        </ol>
        {!complete && (
          <div className={styles.pool} role="group" aria-label={t("annotate.strip.pool")}>
            <span className={styles.poolLabel} aria-hidden="true">
              {t("annotate.strip.pool")}
            </span>
            {p.pool.map((position) => (
              <button
                key={position}
                type="button"
                className={styles.poolButton}
                disabled={p.disabled}
                onClick={() => p.onPlaceNext(position)}
                aria-label={t("annotate.strip.placeNext", { label: p.letterOf.get(position) ?? "" })}
                aria-keyshortcuts={p.letterOf.get(position)}
              >
                {p.letterOf.get(position)}
              </button>
            ))}
          </div>
        )}
        {p.pool.length < p.placement.slots.length && (
          <button type="button" className={styles.linkButton} onClick={p.onClear} disabled={p.disabled}>
            {t("annotate.strip.clear")}
          </button>
        )}
      </div>
      <div className={styles.actionRow}>
        <p className={styles.state} id="submit-state" data-testid="submit-state">
          {complete ? t("annotate.strip.ready") : t("annotate.strip.remaining", { n: p.pool.length, letters: missing })}
          {p.draftNote && <span className={styles.draft}> · {p.draftNote}</span>}
        </p>
        <button type="button" className={`btn ${styles.keysButton}`} onClick={p.onHelp} aria-keyshortcuts="?" data-testid="shortcuts-open">
          {t("annotate.strip.shortcuts")} <kbd className={styles.kbd}>?</kbd>
        </button>
        <button type="button" className="btn" onClick={p.onSkip} disabled={p.disabled}>
          {t("annotate.skip.open")}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          onClick={p.onSubmit}
          disabled={!complete || p.disabled}
          aria-describedby="submit-state"
          aria-keyshortcuts="Control+Enter Meta+Enter"
          data-testid="submit-ranking"
        >
          {p.submitting ? t("annotate.submitting") : t("annotate.submit")}
          <kbd className={styles.kbdOnPrimary}>{t("annotate.submitKeys")}</kbd>
        </button>
      </div>
      {p.error && (
        <p ref={p.errorRef} className={`error ${styles.error}`} role="alert" tabIndex={-1} data-testid="form-error">
          {p.error}
        </p>
      )}
    </div>
  );
}
