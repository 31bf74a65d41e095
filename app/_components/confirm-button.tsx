"use client";
// A destructive action asks once before it happens: the first click turns the button into a
// short question with "confirm" and "cancel" in place (no modal, nothing to miss on a busy
// table). Focus goes to "cancel", so a stray Enter does nothing harmful; Escape cancels too.
import { useEffect, useId, useRef, useState } from "react";
import { useT } from "./i18n-provider";

export function ConfirmButton(props: {
  /** the button's text, e.g. "Revoke" */
  label: string;
  /** what will happen, e.g. "Revoke the token ci? Scripts using it stop working at once." */
  question: string;
  /** the confirming button's text, e.g. "Yes, revoke" */
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  /** style the first button as dangerous too (default: plain, the confirm button is red) */
  danger?: boolean;
  testId?: string;
}) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const firstRef = useRef<HTMLButtonElement>(null);
  const questionId = useId();
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) cancelRef.current?.focus();
    else if (wasAsking.current) firstRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={firstRef}
        type="button"
        className={props.danger ? "btn btn-danger" : "btn"}
        disabled={props.disabled}
        onClick={() => setAsking(true)}
        data-testid={props.testId}
      >
        {props.label}
      </button>
    );
  }
  return (
    <div
      role="group"
      aria-labelledby={questionId}
      className="stack"
      style={{ gap: "0.35rem" }}
      onKeyDown={(e) => {
        if (e.key === "Escape") setAsking(false);
      }}
    >
      <span id={questionId}>{props.question}</span>
      <div className="row">
        <button
          type="button"
          className="btn btn-danger"
          disabled={props.disabled}
          onClick={() => {
            setAsking(false);
            props.onConfirm();
          }}
          data-testid={props.testId ? `${props.testId}-confirm` : undefined}
        >
          {props.confirmLabel}
        </button>
        <button ref={cancelRef} type="button" className="btn" onClick={() => setAsking(false)}>
          {t("common.cancel")}
        </button>
      </div>
    </div>
  );
}
