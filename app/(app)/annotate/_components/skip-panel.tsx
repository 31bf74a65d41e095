"use client";
// Skip with a reason: a few common reasons, or one's own words.
import { useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { skipAssignmentSchema } from "@/app/_lib/assignment/skip-assignment.schema";
import styles from "./annotate.module.css";

const PRESETS = ["annotate.skip.reason.specialty", "annotate.skip.reason.broken", "annotate.skip.reason.unsure"] as const;

export function SkipPanel({ pending, error, onCancel, onSkip }: { pending: boolean; error: string | null; onCancel: () => void; onSkip: (reason: string) => void }) {
  const t = useT();
  const [choice, setChoice] = useState<string>(PRESETS[0]);
  const [other, setOther] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const reason = choice === "other" ? other : t(choice);

  return (
    <fieldset className={`${styles.section} stack`} data-testid="skip-panel">
      <legend>{t("annotate.skip.title")}</legend>
      <div className={styles.reasons} role="radiogroup">
        {[...PRESETS, "other"].map((key) => (
          <label key={key} className="row">
            <input type="radio" name="skip-reason" value={key} checked={choice === key} onChange={() => setChoice(key)} autoFocus={key === PRESETS[0]} />
            {t(key === "other" ? "annotate.skip.reason.other" : key)}
          </label>
        ))}
      </div>
      {choice === "other" && (
        <div className="field">
          <label htmlFor="skip-other">{t("annotate.skip.otherLabel")}</label>
          <input id="skip-other" value={other} onChange={(e) => setOther(e.target.value)} maxLength={500} />
        </div>
      )}
      {(problem || error) && (
        <p className="error" role="alert">
          {problem ?? error}
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="btn btn-danger"
          disabled={pending}
          onClick={() => {
            const parsed = skipAssignmentSchema.safeParse({ reason });
            if (!parsed.success) return setProblem(t("annotate.skip.reasonRequired"));
            setProblem(null);
            onSkip(parsed.data.reason);
          }}
        >
          {t("annotate.skip.confirm")}
        </button>
        <button type="button" className="btn" onClick={onCancel} disabled={pending}>
          {t("common.cancel")}
        </button>
      </div>
    </fieldset>
  );
}
