"use client";
// Saves the annotator's work on an assignment as they go: a debounced PUT of the whole draft
// (last write wins), flushed at once when the page is hidden or closed (keepalive), so a reload,
// a crash or another device resumes it. A failed save is handed to onError (an expired session
// opens the sign-in dialog; "already submitted elsewhere" moves on) and retried with the next
// change or by retry().
import { useCallback, useEffect, useRef, useState } from "react";
import type { DraftState } from "@/app/_lib/assignment/draft.schema";
import { apiFetch } from "@/app/_lib/query/api-fetch";

const DEBOUNCE_MS = 800;

export type DraftStatus = { kind: "idle" } | { kind: "saving" } | { kind: "saved"; at: string } | { kind: "failed"; error: unknown };

const draftUrl = (assignmentId: string) => `/api/assignments/${encodeURIComponent(assignmentId)}/draft`;

export function useAssignmentDraft(opts: { assignmentId: string; onError: (err: unknown) => void }) {
  const { assignmentId } = opts;
  const [status, setStatus] = useState<DraftStatus>({ kind: "idle" });
  const pending = useRef<DraftState | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stopped = useRef(false);
  const onError = useRef(opts.onError);
  onError.current = opts.onError;

  const save = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const state = pending.current;
    if (!state || stopped.current) return;
    pending.current = null;
    setStatus({ kind: "saving" });
    try {
      const { draft } = await apiFetch<{ draft: { savedAt: string } }>(draftUrl(assignmentId), { method: "PUT", json: { state } });
      if (!stopped.current) setStatus({ kind: "saved", at: draft.savedAt });
    } catch (err) {
      if (stopped.current) return;
      // keep the unsaved state for the retry unless a newer one arrived meanwhile
      pending.current ??= state;
      setStatus({ kind: "failed", error: err });
      onError.current(err);
    }
  }, [assignmentId]);

  const schedule = useCallback(
    (state: DraftState) => {
      if (stopped.current) return;
      pending.current = state;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
    },
    [save],
  );

  /** No more saves (the assignment is being submitted or skipped). */
  const stop = useCallback(() => {
    stopped.current = true;
    if (timer.current) clearTimeout(timer.current);
    pending.current = null;
  }, []);
  /** Saves again after a stop() whose action failed, or after a failed save. */
  const resume = useCallback(
    (state: DraftState) => {
      stopped.current = false;
      pending.current = state;
      void save();
    },
    [save],
  );

  // leaving the page (reload, tab closed, switched away): send what is pending now
  useEffect(() => {
    const flush = () => {
      const state = pending.current;
      if (!state || stopped.current) return;
      pending.current = null;
      if (timer.current) clearTimeout(timer.current);
      void fetch(draftUrl(assignmentId), {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ state }),
        keepalive: true,
      }).catch(() => {});
    };
    const onVisibility = () => document.visibilityState === "hidden" && flush();
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onVisibility);
      flush();
    };
  }, [assignmentId]);

  return { status, schedule, stop, resume, saveNow: save };
}
