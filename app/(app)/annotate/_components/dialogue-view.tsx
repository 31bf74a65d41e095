"use client";
// The conversation so far as chat bubbles (patient left, doctor right) and the patient's
// current message, which the candidates answer, set apart below. A long history is collapsed
// to its last turn (the rest one click away), so the answers start near the top of the page;
// the history is part of the page, not a scroll box of its own.
import { useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import type { ChatMessage } from "@/app/_lib/assignment/assignment-view";
import styles from "./dialogue-view.module.css";

/** Messages shown before "show earlier": the last doctor–patient exchange. */
const RECENT = 2;

export function DialogueView({ history, patientMessage, department }: { history: ChatMessage[]; patientMessage: string; department: string | null }) {
  const t = useT();
  const [expanded, setExpanded] = useState(false);
  const hidden = expanded ? 0 : Math.max(0, history.length - RECENT);
  const shown = history.slice(hidden);
  return (
    <section className={styles.dialogue} aria-labelledby="dialogue-title">
      <div className={styles.header}>
        <h2 id="dialogue-title" className={styles.title}>
          {t("annotate.dialogue.title")}
        </h2>
        {department && <span className="badge">{department}</span>}
      </div>
      {history.length > 0 ? (
        <>
          {history.length > RECENT && (
            <button type="button" className={styles.more} aria-expanded={expanded} aria-controls="dialogue-history" onClick={() => setExpanded((x) => !x)} data-testid="history-toggle">
              {expanded ? t("annotate.dialogue.collapse") : t("annotate.dialogue.showEarlier", { n: hidden })}
            </button>
          )}
          <ol id="dialogue-history" className={styles.history} aria-label={t("annotate.dialogue.history")}>
            {shown.map((m, i) => (
              <li key={hidden + i} className={m.role === "user" ? styles.patient : styles.doctor}>
                <span className={styles.who}>{t(m.role === "user" ? "annotate.dialogue.patient" : "annotate.dialogue.doctor")}</span>
                <div className={styles.bubble}>{m.content}</div>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className={styles.first}>{t("annotate.dialogue.firstTurn")}</p>
      )}
      {/* focused after a submit, so the next item is read from its question (tabIndex −1: not a tab stop) */}
      <div className={styles.current} data-testid="patient-message" id="patient-question" tabIndex={-1} aria-labelledby="patient-question-label">
        <span className={styles.who} id="patient-question-label">
          {t("annotate.dialogue.current")}
        </span>
        <div className={styles.bubble}>{patientMessage}</div>
      </div>
    </section>
  );
}
