"use client";
// The page-wide keys of a work form (ranking, judging): Ctrl/⌘+Enter submits; any other key goes to
// the form's own handler, except while a dialog is open, while an input method composes, while
// the person types in a text box (isTyping), with a modifier held, or while the form is busy.
import { useEffect, useRef } from "react";

export type WorkKeys = {
  onSubmit: () => void;
  /** The form's own keys; call e.preventDefault() for a key it uses. */
  onKey: (e: KeyboardEvent) => void;
  /** Whether the element holding the focus takes typed text (its keys are then left alone). */
  isTyping: (el: Element | null) => boolean;
  busy: boolean;
};

export function useWorkKeys(keys: WorkKeys) {
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    const listener = (e: KeyboardEvent) => {
      const { onSubmit, onKey, isTyping, busy } = latest.current;
      if (e.defaultPrevented || e.isComposing || document.querySelector("dialog[open]")) return;
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        onSubmit();
        return;
      }
      const target = e.target instanceof Element ? e.target : null;
      if (isTyping(target) || e.ctrlKey || e.metaKey || e.altKey || busy) return;
      onKey(e);
    };
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);
}
