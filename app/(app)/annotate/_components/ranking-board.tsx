"use client";
// The ranking widget, shared by annotation and adjudication. The list order is
// the ranking (top = best). Three ways to rank, all equivalent:
//  - drag a card by its handle (mouse, touch; or Space on the handle, arrows, Space — dnd-kit's keyboard sensor);
//  - focus a card and press 1…K to put it at that rank, ↑/↓ to move it one place,
//    = to tie it with the one above (projects with ties), Enter to submit;
//  - the ↑/↓ buttons on each card (tablets without a keyboard).
import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useEffect, useRef, useState } from "react";
import { useLocale, useT } from "@/app/_components/i18n-provider";
import type { FlagCode } from "@/app/_lib/ranking/rubric";
import { RUBRIC_ABILITIES } from "@/app/_lib/ranking/rubric";
import { flatten, isTiedWithAbove, moveBy, moveTo, rankOf, type Tiers, toggleTieWithAbove } from "./board-state";
import { CandidateText } from "./candidate-text";
import styles from "./ranking-board.module.css";

export type BoardCandidate = { position: number; text: string };

type Props = {
  /** candidates in display order: their letter (A, B, …) follows this order and never changes */
  candidates: BoardCandidate[];
  tiers: Tiers;
  onChange: (tiers: Tiers) => void;
  allowTies: boolean;
  /** per-candidate flags, keyed by canonical position; omit to hide the flag pickers */
  flags?: Record<number, FlagCode[]>;
  onFlagsChange?: (position: number, codes: FlagCode[]) => void;
  /** Enter on a focused card */
  onSubmit?: () => void;
  disabled?: boolean;
};

export const candidateLetter = (index: number) => String.fromCharCode(65 + index);

const dragId = (position: number) => `candidate-${position}`;
const positionOf = (id: string | number) => Number(String(id).replace("candidate-", ""));

export function RankingBoard({ candidates, tiers, onChange, allowTies, flags, onFlagsChange, onSubmit, disabled }: Props) {
  const t = useT();
  const letters = new Map(candidates.map((c, i) => [c.position, candidateLetter(i)]));
  const byPosition = new Map(candidates.map((c) => [c.position, c]));
  const order = flatten(tiers);
  const k = order.length;
  const cardRefs = useRef(new Map<number, HTMLLIElement>());
  const [focusPosition, setFocusPosition] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState("");

  // keep the keyboard focus on the card that moved (the DOM node moves, which can drop focus)
  useEffect(() => {
    if (focusPosition !== null) cardRefs.current.get(focusPosition)?.focus();
  }, [focusPosition, tiers]);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 150, tolerance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const apply = (next: Tiers, position: number) => {
    onChange(next);
    setFocusPosition(position);
    setAnnouncement(t("annotate.board.moved", { label: letters.get(position) ?? "", rank: rankOf(next, position) }));
  };

  const onDragEnd = (e: DragEndEvent) => {
    if (!e.over || disabled) return;
    const position = positionOf(e.active.id);
    const slot = order.indexOf(positionOf(e.over.id));
    if (slot >= 0 && slot !== order.indexOf(position)) apply(moveTo(tiers, position, slot), position);
  };

  const onCardKeyDown = (e: React.KeyboardEvent<HTMLLIElement>, position: number) => {
    // keys pressed on the buttons and inputs inside the card are theirs
    if (e.target !== e.currentTarget || disabled) return;
    const digit = Number(e.key);
    if (Number.isInteger(digit) && digit >= 1 && digit <= k) {
      e.preventDefault();
      apply(moveTo(tiers, position, digit - 1), position);
    } else if (e.key === "ArrowUp" || e.key === "ArrowDown") {
      e.preventDefault();
      apply(moveBy(tiers, position, e.key === "ArrowUp" ? -1 : 1), position);
    } else if (e.key === "=" && allowTies) {
      e.preventDefault();
      apply(toggleTieWithAbove(tiers, position), position);
    } else if (e.key === "Enter" && onSubmit) {
      e.preventDefault();
      onSubmit();
    }
  };

  return (
    <div className={styles.board}>
      <p className={styles.help} id="ranking-help">
        {t(allowTies ? "annotate.board.helpTies" : "annotate.board.help", { k })}
      </p>
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{
          screenReaderInstructions: { draggable: t("annotate.board.dragInstructions") },
          announcements: {
            onDragStart: ({ active }) => t("annotate.board.dragStart", { label: letters.get(positionOf(active.id)) ?? "" }),
            onDragOver: ({ active, over }) =>
              over ? t("annotate.board.dragOver", { label: letters.get(positionOf(active.id)) ?? "", slot: order.indexOf(positionOf(over.id)) + 1 }) : undefined,
            onDragEnd: ({ active, over }) =>
              over ? t("annotate.board.dragOver", { label: letters.get(positionOf(active.id)) ?? "", slot: order.indexOf(positionOf(over.id)) + 1 }) : undefined,
            onDragCancel: ({ active }) => t("annotate.board.dragCancel", { label: letters.get(positionOf(active.id)) ?? "" }),
          },
        }}
      >
        <SortableContext items={order.map(dragId)} strategy={verticalListSortingStrategy}>
          <ol className={styles.list} aria-label={t("annotate.board.label")} aria-describedby="ranking-help" data-testid="ranking-board">
            {order.map((position, slot) => {
              const candidate = byPosition.get(position);
              if (!candidate) return null;
              return (
                <SortableCard
                  key={position}
                  position={position}
                  letter={letters.get(position) ?? "?"}
                  text={candidate.text}
                  rank={rankOf(tiers, position)}
                  tied={isTiedWithAbove(tiers, position)}
                  first={slot === 0}
                  last={slot === k - 1}
                  allowTies={allowTies}
                  disabled={disabled}
                  flags={flags?.[position]}
                  onFlagsChange={onFlagsChange}
                  cardRef={(el) => {
                    if (el) cardRefs.current.set(position, el);
                    else cardRefs.current.delete(position);
                  }}
                  onKeyDown={(e) => onCardKeyDown(e, position)}
                  onMove={(delta) => apply(moveBy(tiers, position, delta), position)}
                  onToggleTie={() => apply(toggleTieWithAbove(tiers, position), position)}
                />
              );
            })}
          </ol>
        </SortableContext>
      </DndContext>
      <div className="visually-hidden" aria-live="polite" data-testid="board-announcement">
        {announcement}
      </div>
    </div>
  );
}

type CardProps = {
  position: number;
  letter: string;
  text: string;
  rank: number;
  tied: boolean;
  first: boolean;
  last: boolean;
  allowTies: boolean;
  disabled?: boolean;
  flags?: FlagCode[];
  onFlagsChange?: (position: number, codes: FlagCode[]) => void;
  cardRef: (el: HTMLLIElement | null) => void;
  onKeyDown: (e: React.KeyboardEvent<HTMLLIElement>) => void;
  onMove: (delta: number) => void;
  onToggleTie: () => void;
};

function SortableCard(p: CardProps) {
  const t = useT();
  const locale = useLocale();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: dragId(p.position),
    disabled: p.disabled,
  });
  const label = t("annotate.board.candidate", { label: p.letter });
  const rankText = p.tied ? t("annotate.board.rankTied", { rank: p.rank }) : t("annotate.board.rank", { rank: p.rank });
  return (
    <li
      ref={(el) => {
        setNodeRef(el);
        p.cardRef(el);
      }}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={`${styles.card} ${isDragging ? styles.dragging : ""} ${p.tied ? styles.tied : ""}`}
      tabIndex={0}
      aria-label={`${label}，${rankText}`}
      data-testid={`candidate-${p.letter}`}
      data-rank={p.rank}
      onKeyDown={p.onKeyDown}
    >
      <div className={styles.cardHeader}>
        <button
          type="button"
          ref={setActivatorNodeRef}
          className={styles.handle}
          aria-label={t("annotate.board.dragHandle", { label: p.letter })}
          data-testid={`drag-${p.letter}`}
          disabled={p.disabled}
          {...attributes}
          {...listeners}
        >
          ⠿
        </button>
        <span className={styles.rank} aria-hidden="true">
          {p.tied ? "=" : ""}
          {p.rank}
        </span>
        <strong className={styles.letter}>{label}</strong>
        <span className={styles.spacer} />
        {p.allowTies && !p.first && (
          <button type="button" className={`btn ${styles.small}`} onClick={p.onToggleTie} disabled={p.disabled} aria-pressed={p.tied}>
            {t(p.tied ? "annotate.board.untie" : "annotate.board.tie")}
          </button>
        )}
        <button
          type="button"
          className={`btn ${styles.small}`}
          onClick={() => p.onMove(-1)}
          disabled={p.disabled || p.first}
          aria-label={t("annotate.board.moveUp", { label: p.letter })}
        >
          ↑
        </button>
        <button
          type="button"
          className={`btn ${styles.small}`}
          onClick={() => p.onMove(1)}
          disabled={p.disabled || p.last}
          aria-label={t("annotate.board.moveDown", { label: p.letter })}
        >
          ↓
        </button>
      </div>
      <CandidateText text={p.text} />
      {p.onFlagsChange && (
        <details className={styles.flags}>
          <summary>
            {t("annotate.flags.title")}
            {p.flags && p.flags.length > 0 ? `（${p.flags.length}）` : ""}
          </summary>
          <div className={styles.flagList}>
            {RUBRIC_ABILITIES.map((a) => {
              const checked = p.flags?.includes(a.flag) ?? false;
              return (
                <label key={a.flag} className={`${styles.flag} ${checked ? styles.flagOn : ""}`}>
                  <input
                    type="checkbox"
                    checked={checked}
                    disabled={p.disabled}
                    onChange={(e) => {
                      const current = p.flags ?? [];
                      p.onFlagsChange?.(p.position, e.target.checked ? [...current, a.flag] : current.filter((f) => f !== a.flag));
                    }}
                  />
                  {a.flagLabel[locale]}
                </label>
              );
            })}
          </div>
        </details>
      )}
      {p.flags && p.flags.length > 0 && (
        <div className={styles.flagBadges}>
          {p.flags.map((f) => (
            <span key={f} className="badge badge-danger">
              {RUBRIC_ABILITIES.find((a) => a.flag === f)?.flagLabel[locale] ?? f}
            </span>
          ))}
        </div>
      )}
    </li>
  );
}
