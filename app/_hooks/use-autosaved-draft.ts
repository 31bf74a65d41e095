"use client";
// Saves a piece of work as it is made: a debounced PUT of the whole draft (last write wins),
// flushed at once when the page is hidden or closed (keepalive), so a reload, a crash or another
// device resumes it. A failed save is handed to onError (an expired session opens the sign-in
// dialog; "already submitted elsewhere" moves on) and retried with the next change or resume().
// The ranking draft and the judging draft both use it; each names its URL and request body.
import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "@/app/_lib/query/api-fetch";

const DEBOUNCE_MS = 800;

export type DraftStatus = { kind: "idle" } | { kind: "saving" } | { kind: "saved"; at: string } | { kind: "failed"; error: unknown };

export type AutosaveTarget<T, R> = {
  /** Where the draft is PUT. */
  url: string;
  /** The JSON body for one draft. */
  body: (draft: T) => object;
  /** When the server says it stored the draft, from its reply. */
  savedAt: (reply: R) => string;
  onError: (err: unknown) => void;
};

export function useAutosavedDraft<T, R>(target: AutosaveTarget<T, R>) {
  const { url } = target;
  const [status, setStatus] = useState<DraftStatus>({ kind: "idle" });
  const pending = useRef<T | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stopped = useRef(false);
  const latest = useRef(target);
  latest.current = target;

  const save = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const draft = pending.current;
    if (draft === null || stopped.current) return;
    pending.current = null;
    setStatus({ kind: "saving" });
    try {
      const reply = await apiFetch<R>(url, { method: "PUT", json: latest.current.body(draft) });
      if (!stopped.current) setStatus({ kind: "saved", at: latest.current.savedAt(reply) });
    } catch (err) {
      if (stopped.current) return;
      // keep the unsaved draft for the retry unless a newer one arrived meanwhile
      pending.current ??= draft;
      setStatus({ kind: "failed", error: err });
      latest.current.onError(err);
    }
  }, [url]);

  const schedule = useCallback(
    (draft: T) => {
      if (stopped.current) return;
      pending.current = draft;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
    },
    [save],
  );

  /** No more saves (the work is being submitted or skipped). */
  const stop = useCallback(() => {
    stopped.current = true;
    if (timer.current) clearTimeout(timer.current);
    pending.current = null;
  }, []);
  /** Saves again after a stop() whose action failed, or after a failed save. */
  const resume = useCallback(
    (draft: T) => {
      stopped.current = false;
      pending.current = draft;
      void save();
    },
    [save],
  );

  // leaving the page (reload, tab closed, switched away): send what is pending now
  useEffect(() => {
    const flush = () => {
      const draft = pending.current;
      if (draft === null || stopped.current) return;
      pending.current = null;
      if (timer.current) clearTimeout(timer.current);
      void fetch(url, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(latest.current.body(draft)),
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
  }, [url]);

  return { status, schedule, stop, resume, saveNow: save };
}
