"use client";
// One blind comparison: the dialogue, the two answers side by side (stacked on narrow screens),
// one row per dimension (left better / tie / right better) with the rubric's definition of the
// dimension, an optional note, submit and skip.
//
// Keyboard: 1 / 2 / 3 answer the active row (the one holding the focus, else the first still
// open) and move the focus to the next row, then to the submit button; arrow keys move within a
// row (native radio groups); Ctrl/⌘+Enter submits; a bare Enter never does. Everything is saved
// as a draft as the judge works and restored on a reload, with a notice.
import { useCallback, useEffect, useRef, useState } from "react";
import { useLocale, useT } from "@/app/_components/i18n-provider";
import { judgmentUrl, useJudgmentAction } from "@/app/_hooks/use-judging";
import { useLeasedWork } from "@/app/_hooks/use-leased-work";
import { useWorkKeys } from "@/app/_hooks/use-work-keys";
import type { JudgeDraft } from "@/app/_lib/evaluation/judging/judging.schema";
import { MAX_JUDGE_DURATION_MS, MAX_NOTE_CHARS } from "@/app/_lib/evaluation/judging/judging.schema";
import type { JudgmentView } from "@/app/_lib/evaluation/judging/judgment-view";
import { type Dimension, DIMENSIONS, type Side, SIDES } from "@/app/_lib/evaluation/judging/verdicts";
import { RUBRIC } from "@/app/_lib/ranking/rubric";
import { DialogueView } from "../../annotate/_components/dialogue-view";
import styles from "./judge.module.css";

const MOVED_ON = new Set(["ALREADY_SUBMITTED", "ALREADY_SKIPPED", "LEASE_LOST"]);

export type JudgeOutcome = { kind: "submitted" | "skipped" } | { kind: "elsewhere"; message: string };

const isTyping = (el: Element | null) => Boolean(el?.closest("textarea, select, [contenteditable='true'], input:not([type=radio]):not([type=checkbox])"));
const rowId = (d: Dimension) => `verdict-${d}`;

export function JudgmentForm({ judgment, evalSetId, busy, onDone }: { judgment: JudgmentView; evalSetId: string; busy: boolean; onDone: (o: JudgeOutcome) => void }) {
  const t = useT();
  const locale = useLocale();
  const saved = judgment.draft;
  const [verdicts, setVerdicts] = useState<Record<Dimension, Side | null>>(() => ({
    safety: saved?.safety ?? null,
    professionalism: saved?.professionalism ?? null,
    fluency: saved?.fluency ?? null,
  }));
  const [note, setNote] = useState(saved?.note ?? "");
  const [error, setError] = useState<string | null>(null);
  const { submit, skip } = useJudgmentAction(evalSetId);
  const submitRef = useRef<HTMLButtonElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const visitStart = useRef(Date.now());
  const elapsedMs = useCallback(() => Math.min(MAX_JUDGE_DURATION_MS, (saved?.elapsedMs ?? 0) + Date.now() - visitStart.current), [saved?.elapsedMs]);
  const pending = submit.isPending || skip.isPending || busy;
  const leaseExpired = judgment.status === "EXPIRED" || new Date(judgment.leaseExpiresAt).getTime() <= Date.now();

  const draftOf = useCallback((): JudgeDraft => ({ ...verdicts, note, elapsedMs: elapsedMs() }), [verdicts, note, elapsedMs]);
  const draft = useLeasedWork<JudgeDraft, { savedAt: string }>({
    url: `${judgmentUrl(judgment.id)}/draft`,
    body: (d) => ({ draft: d }),
    savedAt: (reply) => reply.savedAt,
    current: draftOf,
    changes: [verdicts, note],
    movedOn: MOVED_ON,
    onElsewhere: (message) => onDone({ kind: "elsewhere", message }),
  });

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  const focusRow = (d: Dimension) => {
    const row = document.getElementById(rowId(d));
    (row?.querySelector<HTMLInputElement>("input:checked") ?? row?.querySelector<HTMLInputElement>("input"))?.focus();
  };

  const choose = (d: Dimension, side: Side, advance: boolean) => {
    setError(null);
    setVerdicts((v) => ({ ...v, [d]: side }));
    if (!advance) return;
    const next = DIMENSIONS[DIMENSIONS.indexOf(d) + 1];
    if (next) focusRow(next);
    else submitRef.current?.focus();
  };

  const settle = (send: () => Promise<unknown>, done: JudgeOutcome) => draft.settle(send, () => onDone(done), setError);

  const onSubmit = async () => {
    if (pending) return;
    const missing = DIMENSIONS.filter((d) => !verdicts[d]);
    if (missing.length) {
      setError(t("judge.missing", { dims: missing.map((d) => t(`judge.dimension.${d}`)).join("、") }));
      focusRow(missing[0]);
      return;
    }
    const body = { safety: verdicts.safety!, professionalism: verdicts.professionalism!, fluency: verdicts.fluency!, note: note.trim(), durationMs: elapsedMs() };
    await settle(() => submit.mutateAsync({ judgmentId: judgment.id, body }), { kind: "submitted" });
  };

  useWorkKeys({
    onSubmit: () => void onSubmit(),
    isTyping,
    busy: pending,
    onKey: (e) => {
      const index = ["1", "2", "3"].indexOf(e.key);
      if (index < 0) return;
      e.preventDefault();
      const holding = DIMENSIONS.find((d) => document.getElementById(rowId(d))?.contains(document.activeElement));
      const active = holding ?? DIMENSIONS.find((d) => !verdicts[d]) ?? DIMENSIONS[DIMENSIONS.length - 1];
      choose(active, SIDES[index], true);
    },
  });

  const [activeRow, setActiveRow] = useState<Dimension | null>(null);
  const messages = judgment.messages;
  const lastUser = messages.map((m) => m.role).lastIndexOf("user");
  const history = messages.slice(0, Math.max(0, lastUser));
  const patientMessage = lastUser >= 0 ? messages[lastUser].content : "";
  const draftNote =
    draft.status.kind === "saving"
      ? t("judge.draft.saving")
      : draft.status.kind === "saved"
        ? t("judge.draft.saved", { time: new Date(draft.status.at).toLocaleTimeString(locale === "zh" ? "zh-CN" : "en-GB", { hour: "2-digit", minute: "2-digit" }) })
        : draft.status.kind === "failed"
          ? t("judge.draft.failed")
          : null;
  const restored = saved && (saved.safety || saved.professionalism || saved.fluency || saved.note.trim());

  return (
    // not a <form>: Enter must never submit (implicit submission); Ctrl/⌘+Enter does
    <div className="stack" role="form" aria-label={t("judge.title")} data-testid="judgment-form">
      <div className={styles.section}>
        <DialogueView history={history} patientMessage={patientMessage} department={null} />
      </div>
      {restored && (
        <p className={styles.restored} role="status" data-testid="judge-draft-restored">
          {t("judge.draft.restored")}
        </p>
      )}
      {leaseExpired && (
        <p className="error" role="alert">
          {t("judge.leaseExpired")}
        </p>
      )}

      <section aria-labelledby="answers-title" className="stack">
        <h2 id="answers-title" style={{ margin: 0 }}>
          {t("judge.answers.title")}
        </h2>
        <p className={styles.blind}>{t("judge.answers.blind")}</p>
        <div className={styles.answers}>
          {(["left", "right"] as const).map((side) => (
            <article key={side} className={styles.answer} aria-labelledby={`answer-${side}-title`} data-testid={`answer-${side}`}>
              <h3 id={`answer-${side}-title`}>{t(`judge.answers.${side}`)}</h3>
              <p className={styles.answerText}>{judgment[side]}</p>
            </article>
          ))}
        </div>
      </section>

      <section className={styles.section} aria-labelledby="verdicts-title">
        <h2 id="verdicts-title">{t("judge.verdicts.title")}</h2>
        <p className={styles.help} id="verdicts-help">
          {t("judge.verdicts.help")}
        </p>
        <div className={styles.rows}>
          {DIMENSIONS.map((d, i) => (
            <fieldset
              key={d}
              id={rowId(d)}
              className={styles.row}
              data-active={activeRow === d}
              aria-describedby={`rubric-${d}`}
              onFocus={() => setActiveRow(d)}
              onBlur={() => setActiveRow(null)}
              data-testid={`verdict-row-${d}`}
            >
              <legend className={styles.legend}>{t(`judge.dimension.${d}`)}</legend>
              <div className={styles.choices}>
                {SIDES.map((side, k) => (
                  <label key={side} className={styles.choice}>
                    <input
                      type="radio"
                      name={`${judgment.id}-${d}`}
                      value={side}
                      checked={verdicts[d] === side}
                      disabled={pending}
                      onChange={() => choose(d, side, false)}
                      data-testid={`verdict-${d}-${side}`}
                    />
                    <kbd aria-hidden="true">{k + 1}</kbd>
                    {t(`judge.verdict.${side}`)}
                  </label>
                ))}
              </div>
              <ul className={styles.rubric} id={`rubric-${d}`}>
                {RUBRIC[i].abilities.map((a) => (
                  <li key={a.flag}>
                    <strong>{a.ability[locale]}</strong>{locale === "zh" ? "：" : ": "}{a.description[locale]}
                  </li>
                ))}
              </ul>
            </fieldset>
          ))}
        </div>
        <div className="field" style={{ marginTop: "0.75rem" }}>
          <label htmlFor="judge-note">{t("judge.note.label")}</label>
          <textarea id="judge-note" value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={MAX_NOTE_CHARS} />
        </div>
      </section>

      {error && (
        <p className="error" role="alert" tabIndex={-1} ref={errorRef} data-testid="judge-error">
          {error}
        </p>
      )}
      <div className={styles.actions}>
        <button ref={submitRef} type="button" className="btn btn-primary" onClick={() => void onSubmit()} disabled={pending} aria-keyshortcuts="Control+Enter Meta+Enter" data-testid="judge-submit">
          {submit.isPending ? t("judge.submitting") : t("judge.submit")}
        </button>
        <button type="button" className="btn" onClick={() => void settle(() => skip.mutateAsync({ judgmentId: judgment.id }), { kind: "skipped" })} disabled={pending} data-testid="judge-skip">
          {t("judge.skip")}
        </button>
        {draftNote && (
          <span className={styles.draftNote} role="status">
            {draftNote}
          </span>
        )}
      </div>
    </div>
  );
}
