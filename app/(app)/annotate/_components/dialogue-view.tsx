"use client";
// The conversation so far as chat bubbles (patient left, doctor right) and the
// patient's current message, which the candidates answer, set apart below.
import type { ChatMessage } from "@/app/_lib/assignment/assignment-view";
import { useT } from "@/app/_components/i18n-provider";
import styles from "./dialogue-view.module.css";

export function DialogueView({ history, patientMessage, department }: { history: ChatMessage[]; patientMessage: string; department: string | null }) {
  const t = useT();
  return (
    <section className={styles.dialogue} aria-label={t("annotate.dialogue.title")}>
      <div className={styles.header}>
        <h2 className={styles.title}>{t("annotate.dialogue.title")}</h2>
        {department && <span className="badge">{department}</span>}
      </div>
      {history.length > 0 ? (
        <ol className={styles.history} aria-label={t("annotate.dialogue.history")}>
          {history.map((m, i) => (
            <li key={i} className={m.role === "user" ? styles.patient : styles.doctor}>
              <span className={styles.who}>{t(m.role === "user" ? "annotate.dialogue.patient" : "annotate.dialogue.doctor")}</span>
              <div className={styles.bubble}>{m.content}</div>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{t("annotate.dialogue.firstTurn")}</p>
      )}
      <div className={styles.current} data-testid="patient-message">
        <span className={styles.who}>{t("annotate.dialogue.current")}</span>
        <div className={styles.bubble}>{patientMessage}</div>
      </div>
    </section>
  );
}
