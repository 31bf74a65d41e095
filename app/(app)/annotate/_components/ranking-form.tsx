"use client";
// One assignment: the dialogue, the order strip, the K answers, "all unacceptable" with a
// written replacement, a comment, submit and skip.
//
// Nothing is ranked on arrival: submit stays disabled until the annotator has placed every
// answer (the server refuses a ranking with an unplaced answer too). Everything entered is
// saved as a draft as the annotator works and restored on a reload or another device, with a
// notice. An expired session opens the sign-in dialog over the untouched form and the action is
// retried after it. An item that was finished elsewhere (another tab) is said so, and the next
// one loads. A bare Enter never submits: Ctrl/⌘+Enter or the button does.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useLocale, useT } from "@/app/_components/i18n-provider";
import { useSkipAssignment, useSubmitRanking } from "@/app/_hooks/use-assignment";
import { useLeasedWork } from "@/app/_hooks/use-leased-work";
import { useWorkKeys } from "@/app/_hooks/use-work-keys";
import type { AssignmentView } from "@/app/_lib/assignment/assignment-view";
import type { DraftState } from "@/app/_lib/assignment/draft.schema";
import { MAX_DURATION_MS, submitRankingSchema, type SubmitRankingInput } from "@/app/_lib/assignment/submit-ranking.schema";
import type { FlagCode } from "@/app/_lib/ranking/rubric";
import { AnswerBoard, answerElementId } from "./answer-board";
import { DialogueView } from "./dialogue-view";
import { OrderStrip } from "./order-strip";
import { emptyPlacement, isComplete, lastPlaced, type Placement, placeNext, restorePlacement, toRanks, unplace, unplaced } from "./placement";
import { candidateLetter } from "./ranking-board";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { SkipPanel } from "./skip-panel";
import styles from "./annotate.module.css";

/** Refusals that mean the item is no longer this annotator's to rank: say so and move on. */
const MOVED_ON = new Set(["ALREADY_SUBMITTED", "ALREADY_SKIPPED", "ITEM_SETTLED", "SLOT_TAKEN"]);

export type FormOutcome = { kind: "submitted" | "skipped"; assignmentId: string } | { kind: "elsewhere"; message: string };

type Props = {
  assignment: AssignmentView;
  busy: boolean;
  onDone: (outcome: FormOutcome) => void;
  projectId: string;
};

const isTyping = (el: Element | null) => Boolean(el?.closest("input, textarea, select, [contenteditable='true']"));

export function RankingForm({ assignment, projectId, busy, onDone }: Props) {
  const t = useT();
  const locale = useLocale();
  const k = assignment.candidates.length;
  const saved = assignment.draft?.state;
  const [placement, setPlacement] = useState<Placement>(() => restorePlacement(saved, k));
  const [flags, setFlags] = useState<Record<number, FlagCode[]>>(() => (saved?.flags as Record<number, FlagCode[]>) ?? {});
  const [allUnacceptable, setAllUnacceptable] = useState(saved?.allUnacceptable ?? false);
  const [replacement, setReplacement] = useState(saved?.replacement ?? "");
  const [comment, setComment] = useState(saved?.comment ?? "");
  const [skipping, setSkipping] = useState(false);
  const [showKeys, setShowKeys] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [skipError, setSkipError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const submit = useSubmitRanking(projectId);
  const skip = useSkipAssignment(projectId);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const stripRef = useRef<HTMLDivElement>(null);
  // time open in the browser, summed over visits: what the draft had plus this visit
  const visitStart = useRef(Date.now());
  const elapsedMs = useCallback(() => Math.min(MAX_DURATION_MS, (saved?.elapsedMs ?? 0) + Date.now() - visitStart.current), [saved?.elapsedMs]);

  const letterOf = useMemo(() => new Map(assignment.candidates.map((c, i) => [c.position, candidateLetter(i)])), [assignment.candidates]);
  const displayOrder = useMemo(() => assignment.candidates.map((c) => c.position), [assignment.candidates]);
  const pool = unplaced(placement, displayOrder);
  const complete = isComplete(placement);
  const leaseExpired = assignment.status === "EXPIRED" || new Date(assignment.leaseExpiresAt).getTime() <= Date.now();
  const pending = submit.isPending || skip.isPending || busy;

  const draftState = useCallback(
    (): DraftState => ({ slots: placement.slots, tied: placement.tied, flags, allUnacceptable, replacement, comment, elapsedMs: elapsedMs() }),
    [placement, flags, allUnacceptable, replacement, comment, elapsedMs],
  );
  const draft = useLeasedWork<DraftState, { draft: { savedAt: string } }>({
    url: `/api/assignments/${encodeURIComponent(assignment.id)}/draft`,
    body: (state) => ({ state }),
    savedAt: (reply) => reply.draft.savedAt,
    current: draftState,
    changes: [placement, flags, allUnacceptable, replacement, comment],
    movedOn: MOVED_ON,
    onElsewhere: (message) => onDone({ kind: "elsewhere", message }),
  });

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  // the sticky header and order strip never hide what has the focus (WCAG 2.4.11)
  useLayoutEffect(() => {
    const root = document.documentElement;
    const header = document.querySelector("header");
    const update = () => {
      const h = header?.getBoundingClientRect().height ?? 0;
      const s = stripRef.current?.getBoundingClientRect().height ?? 0;
      root.style.setProperty("--app-header-h", `${Math.round(h)}px`);
      root.style.setProperty("--sticky-offset", `${Math.round(h + s + 12)}px`);
      root.style.scrollPaddingTop = `${Math.round(h + s + 12)}px`;
    };
    update();
    const observer = new ResizeObserver(update);
    if (header) observer.observe(header);
    if (stripRef.current) observer.observe(stripRef.current);
    return () => {
      observer.disconnect();
      root.style.removeProperty("--app-header-h");
      root.style.removeProperty("--sticky-offset");
      root.style.scrollPaddingTop = "";
    };
  }, []);

  const change = (next: Placement, message: string) => {
    setError(null);
    setPlacement(next);
    setAnnouncement(message);
  };

  const placeNextAnswer = (position: number) => {
    const letter = letterOf.get(position) ?? "";
    const next = placeNext(placement, position);
    if (next === placement) {
      setAnnouncement(t(complete ? "annotate.board.allPlaced" : "annotate.board.alreadyPlaced", { label: letter }));
      return;
    }
    change(next, t("annotate.board.moved", { label: letter, rank: next.slots.indexOf(position) + 1 }));
    // the focus follows the answer just placed: arrows, digits and Alt+arrows act on it next
    document.getElementById(answerElementId(letter))?.focus();
  };

  const onSubmit = async () => {
    if (pending) return;
    setError(null);
    if (!complete) {
      setError(t("annotate.strip.placeFirst", { letters: pool.map((p) => letterOf.get(p)).join(" ") }));
      return;
    }
    if (allUnacceptable && replacement.trim() === "") {
      setError(t("annotate.replacement.required"));
      return;
    }
    const body: SubmitRankingInput = {
      ranks: toRanks(placement),
      flags: Object.fromEntries(Object.entries(flags).filter(([, codes]) => codes.length > 0)),
      replacement: allUnacceptable ? replacement : null,
      comment: comment.trim() === "" ? null : comment,
      durationMs: elapsedMs(),
    };
    const parsed = submitRankingSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError(`${t("errors.code.VALIDATION")} ${issue.path.join(".")}: ${issue.message}`);
      return;
    }
    // mutateAsync, not mutate's onSuccess: the next item loads as part of the mutation and
    // this form unmounts with it, and react-query drops mutate() callbacks of an unmounted form
    await settle(() => submit.mutateAsync({ assignmentId: assignment.id, body }), { kind: "submitted", assignmentId: assignment.id }, setError);
  };

  const onSkip = async (reason: string) => {
    setSkipError(null);
    await settle(() => skip.mutateAsync({ assignmentId: assignment.id, body: { reason } }), { kind: "skipped", assignmentId: assignment.id }, setSkipError);
  };

  const settle = (send: () => Promise<unknown>, done: FormOutcome, showError: (message: string) => void) => draft.settle(send, () => onDone(done), showError);

  // keys that work anywhere on the page (not while typing in a text box, not under a dialog)
  useWorkKeys({
    onSubmit: () => void onSubmit(),
    isTyping,
    busy: pending,
    onKey: (e) => {
      if (e.key === "?") {
        e.preventDefault();
        setShowKeys(true);
      } else if (e.key === "Backspace") {
        const last = lastPlaced(placement);
        if (last === null) return;
        e.preventDefault();
        change(unplace(placement, last), t("annotate.board.unplacedNow", { label: letterOf.get(last) ?? "" }));
      } else if (/^[a-z]$/i.test(e.key)) {
        const index = e.key.toUpperCase().charCodeAt(0) - 65;
        if (index >= k) return;
        e.preventDefault();
        placeNextAnswer(assignment.candidates[index].position);
      }
    },
  });

  const draftNote =
    draft.status.kind === "saving"
      ? t("annotate.draft.saving")
      : draft.status.kind === "saved"
        ? t("annotate.draft.saved", { time: formatTime(draft.status.at, locale) })
        : draft.status.kind === "failed"
          ? t("annotate.draft.failed")
          : null;

  return (
    // not a <form>: Enter in a field must never submit (implicit submission); Ctrl/⌘+Enter does
    <div className={styles.form} role="form" aria-label={t("annotate.form.label")} data-testid="ranking-form">
      <div className={styles.section}>
        <DialogueView history={assignment.item.history} patientMessage={assignment.item.patientMessage} department={assignment.item.department} />
      </div>

      {saved && hasContent(saved) && (
        <p className={`${styles.restored}`} role="status" data-testid="draft-restored">
          {t("annotate.draft.restored", { time: formatTime(assignment.draft!.savedAt, locale) })}
        </p>
      )}
      {leaseExpired && (
        <p className="error" role="alert">
          {t("annotate.leaseExpired")}
        </p>
      )}

      <OrderStrip
        stripRef={stripRef}
        errorRef={errorRef}
        placement={placement}
        letterOf={letterOf}
        pool={pool}
        onPlaceNext={placeNextAnswer}
        onClear={() => change(emptyPlacement(k), t("annotate.board.cleared"))}
        onSubmit={() => void onSubmit()}
        onSkip={() => setSkipping(true)}
        onHelp={() => setShowKeys(true)}
        submitting={submit.isPending}
        disabled={pending}
        draftNote={draftNote}
        error={error}
      />

      {skipping && <SkipPanel pending={skip.isPending} error={skipError} onCancel={() => setSkipping(false)} onSkip={(reason) => void onSkip(reason)} />}

      <h2 className={styles.boardTitle} id="board-title">
        {t("annotate.board.title")}
      </h2>
      <p className={styles.help} id="board-keys">
        {t(assignment.project.allowTies ? "annotate.board.keysHelpTies" : "annotate.board.keysHelp", { k, last: candidateLetter(k - 1) })}
      </p>
      <AnswerBoard
        answers={assignment.candidates}
        placement={placement}
        onChange={change}
        allowTies={assignment.project.allowTies}
        flags={flags}
        onFlagsChange={(position, codes) => setFlags((f) => ({ ...f, [position]: codes }))}
        disabled={pending}
      />
      <div className="visually-hidden" aria-live="polite" data-testid="board-announcement">
        {announcement}
      </div>

      <div className={`${styles.section} stack`}>
        <label className={styles.checkbox}>
          <input type="checkbox" checked={allUnacceptable} onChange={(e) => setAllUnacceptable(e.target.checked)} data-testid="all-unacceptable" />
          {t("annotate.replacement.toggle")}
        </label>
        {allUnacceptable && (
          <div className="field">
            <label htmlFor="replacement">{t("annotate.replacement.label")}</label>
            <textarea
              id="replacement"
              value={replacement}
              onChange={(e) => setReplacement(e.target.value)}
              placeholder={t("annotate.replacement.placeholder")}
              rows={5}
              maxLength={8000}
              aria-describedby="replacement-hint"
            />
            <span className="hint" id="replacement-hint">
              {t("annotate.replacement.hint")}
            </span>
          </div>
        )}
        <div className="field">
          <label htmlFor="comment">{t("annotate.comment.label")}</label>
          <textarea id="comment" value={comment} onChange={(e) => setComment(e.target.value)} rows={2} maxLength={4000} />
        </div>
      </div>

      {showKeys && <ShortcutsDialog k={k} allowTies={assignment.project.allowTies} onClose={() => setShowKeys(false)} />}
    </div>
  );
}

/** Whether a saved draft holds anything the annotator did (an emptied board is not worth a notice). */
function hasContent(d: DraftState) {
  return d.slots.some((s) => s !== null) || Object.values(d.flags).some((f) => f.length > 0) || d.allUnacceptable || d.replacement.trim() !== "" || d.comment.trim() !== "";
}

function formatTime(iso: string, locale: "zh" | "en") {
  return new Date(iso).toLocaleTimeString(locale === "zh" ? "zh-CN" : "en-GB", { hour: "2-digit", minute: "2-digit" });
}
