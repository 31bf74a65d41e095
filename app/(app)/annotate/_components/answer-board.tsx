"use client";
// The K answers side by side (a grid: 2 × 2 on wide screens, one column on phones), in the
// order they are shown, full text. Each answer is one tab stop; its rank comes from the
// placement (nothing is ranked on arrival). Keys on a focused answer (the rest — letters, ?,
// Backspace, Ctrl+Enter — work anywhere on the page, see use-board-keys.ts):
//   1…K       put it at that rank           ← ↑ / → ↓   previous / next answer
//   Alt+↑/←   one rank better               Alt+↓/→     one rank worse
//   Backspace take it out of the ranking    =           tie with the rank above (projects with ties)
// The rank buttons on each answer do the same by pointer or touch (tablets); they are not tab
// stops, so a keyboard user moves answer to answer.
import { useGuidelinesPanel } from "@/app/_components/guidelines-panel";
import { useLocale, useT } from "@/app/_components/i18n-provider";
import { rubricAnchor, rubricNumber } from "@/app/_components/rubric";
import type { FlagCode } from "@/app/_lib/ranking/rubric";
import { RUBRIC_ABILITIES } from "@/app/_lib/ranking/rubric";
import { candidateLetter } from "./ranking-board";
import { moveBy, type Placement, placeAt, rankOfSlot, slotOf, toggleTie, unplace } from "./placement";
import styles from "./answer-board.module.css";

export type BoardAnswer = { position: number; text: string };

type Props = {
  /** answers in display order: their letter (A, B, …) follows this order and never changes */
  answers: BoardAnswer[];
  placement: Placement;
  /** a change and the sentence that announces it to screen readers */
  onChange?: (next: Placement, announcement: string) => void;
  allowTies: boolean;
  flags: Record<number, FlagCode[]>;
  onFlagsChange?: (position: number, codes: FlagCode[]) => void;
  disabled?: boolean;
};

export const answerElementId = (letter: string) => `answer-${letter}`;

export function AnswerBoard({ answers, placement, onChange, allowTies, flags, onFlagsChange, disabled }: Props) {
  const t = useT();
  const readOnly = !onChange;
  const letterOf = new Map(answers.map((a, i) => [a.position, candidateLetter(i)]));

  const apply = (next: Placement, position: number) => {
    if (!onChange || next === placement) return;
    const letter = letterOf.get(position) ?? "";
    const slot = slotOf(next, position);
    onChange(
      next,
      slot < 0 ? t("annotate.board.unplacedNow", { label: letter }) : t("annotate.board.moved", { label: letter, rank: rankOfSlot(next, slot) }),
    );
  };

  const focusAnswer = (index: number) => {
    const a = answers[(index + answers.length) % answers.length];
    document.getElementById(answerElementId(letterOf.get(a.position) ?? ""))?.focus();
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLElement>, index: number, position: number) => {
    if (e.target !== e.currentTarget || readOnly || disabled || e.ctrlKey || e.metaKey) return;
    const digit = Number(e.key);
    const back = e.key === "ArrowUp" || e.key === "ArrowLeft";
    const forward = e.key === "ArrowDown" || e.key === "ArrowRight";
    if (!e.altKey && /^[1-9]$/.test(e.key) && digit <= placement.slots.length) {
      apply(placeAt(placement, position, digit - 1), position);
    } else if ((back || forward) && e.altKey) {
      apply(moveBy(placement, position, back ? -1 : 1), position);
    } else if ((back || forward) && !e.shiftKey) {
      focusAnswer(index + (back ? -1 : 1));
    } else if (e.key === "Backspace" || e.key === "Delete") {
      apply(unplace(placement, position), position);
    } else if (e.key === "=" && allowTies) {
      apply(toggleTie(placement, position), position);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className={styles.grid} data-testid="ranking-board" role="list" aria-label={t("annotate.board.label")}>
      {answers.map((a, index) => (
        <AnswerCard
          key={a.position}
          answer={a}
          letter={letterOf.get(a.position) ?? "?"}
          placement={placement}
          allowTies={allowTies}
          readOnly={readOnly}
          disabled={disabled}
          flags={flags[a.position] ?? []}
          onFlagsChange={onFlagsChange}
          onKeyDown={(e) => onKeyDown(e, index, a.position)}
          onPlace={(slot) => apply(placeAt(placement, a.position, slot), a.position)}
          onUnplace={() => apply(unplace(placement, a.position), a.position)}
          onToggleTie={() => apply(toggleTie(placement, a.position), a.position)}
        />
      ))}
    </div>
  );
}

type CardProps = {
  answer: BoardAnswer;
  letter: string;
  placement: Placement;
  allowTies: boolean;
  readOnly: boolean;
  disabled?: boolean;
  flags: FlagCode[];
  onFlagsChange?: (position: number, codes: FlagCode[]) => void;
  onKeyDown: (e: React.KeyboardEvent<HTMLElement>) => void;
  onPlace: (slot: number) => void;
  onUnplace: () => void;
  onToggleTie: () => void;
};

function AnswerCard(p: CardProps) {
  const t = useT();
  const locale = useLocale();
  const panel = useGuidelinesPanel();
  const slot = slotOf(p.placement, p.answer.position);
  const rank = slot >= 0 ? rankOfSlot(p.placement, slot) : null;
  const tied = slot > 0 && p.placement.tied[slot];
  const label = t("annotate.board.candidate", { label: p.letter });
  const rankText = rank === null ? t("annotate.board.unplaced") : t(tied ? "annotate.board.rankTied" : "annotate.board.rank", { rank });
  const canTie = p.allowTies && slot > 0 && p.placement.slots[slot - 1] !== null;
  return (
    <article
      id={answerElementId(p.letter)}
      role="listitem"
      className={`${styles.card} ${rank === null ? styles.cardUnplaced : ""}`}
      tabIndex={p.readOnly ? undefined : 0}
      aria-label={`${label}，${rankText}`}
      aria-describedby={p.readOnly ? undefined : "board-keys"}
      data-testid={`candidate-${p.letter}`}
      data-rank={rank ?? ""}
      onKeyDown={p.onKeyDown}
    >
      <header className={styles.cardHeader}>
        <span className={styles.letter} aria-hidden="true">
          {p.letter}
        </span>
        <span className={rank === null ? styles.unplacedBadge : styles.rankBadge} data-testid={`rank-${p.letter}`}>
          {rankText}
        </span>
        <span className={styles.spacer} />
        {!p.readOnly && (
          <div className={styles.rankButtons} role="group" aria-label={t("annotate.board.rankButtons", { label: p.letter })}>
            {p.placement.slots.map((_, i) => (
              <button
                key={i}
                type="button"
                tabIndex={-1}
                className={styles.rankButton}
                aria-pressed={slot === i}
                aria-label={t("annotate.board.placeAt", { label: p.letter, rank: i + 1 })}
                disabled={p.disabled}
                onClick={() => p.onPlace(i)}
              >
                {i + 1}
              </button>
            ))}
            {canTie && (
              <button type="button" tabIndex={-1} className={styles.rankButton} aria-pressed={tied} aria-label={t(tied ? "annotate.board.untie" : "annotate.board.tie")} disabled={p.disabled} onClick={p.onToggleTie}>
                =
              </button>
            )}
            {slot >= 0 && (
              <button type="button" tabIndex={-1} className={styles.rankButton} aria-label={t("annotate.board.unplace", { label: p.letter })} disabled={p.disabled} onClick={p.onUnplace}>
                ×
              </button>
            )}
          </div>
        )}
      </header>
      <div className={styles.text}>{p.answer.text}</div>
      {p.onFlagsChange ? (
        <details className={styles.flags} open={p.flags.length > 0 ? true : undefined}>
          <summary>
            {t("annotate.flags.title")}
            {p.flags.length > 0 ? t("annotate.flags.count", { n: p.flags.length }) : ""}
          </summary>
          <ul className={styles.flagList}>
            {RUBRIC_ABILITIES.map((a) => {
              const checked = p.flags.includes(a.flag);
              const id = `flag-${p.letter}-${a.flag}`;
              return (
                <li key={a.flag} className={`${styles.flag} ${checked ? styles.flagOn : ""}`}>
                  <input
                    id={id}
                    type="checkbox"
                    checked={checked}
                    disabled={p.disabled}
                    onChange={(e) => p.onFlagsChange?.(p.answer.position, e.target.checked ? [...p.flags, a.flag] : p.flags.filter((f) => f !== a.flag))}
                  />
                  <label htmlFor={id}>{a.flagLabel[locale]}</label>
                  <a
                    href={`#${rubricAnchor(a.flag)}`}
                    className={styles.criterion}
                    onClick={(e) => {
                      if (!panel) return;
                      e.preventDefault();
                      panel.showCriterion(a.flag);
                    }}
                  >
                    {t("annotate.flags.criterion", { n: rubricNumber(a.flag) })}
                    <span className="visually-hidden">{t("annotate.flags.criterionName", { name: a.ability[locale] })}</span>
                  </a>
                </li>
              );
            })}
          </ul>
        </details>
      ) : (
        p.flags.length > 0 && (
          <div className={styles.flagBadges}>
            {p.flags.map((f) => (
              <span key={f} className="badge badge-danger">
                {RUBRIC_ABILITIES.find((a) => a.flag === f)?.flagLabel[locale] ?? f}
              </span>
            ))}
          </div>
        )
      )}
    </article>
  );
}
