"use client";
// What the ranking form and the judging form share about one leased piece of work:
// - the draft is saved as the person works (not on arrival: nothing changed yet);
// - an expired session opens the sign-in dialog over the untouched form, then saves or retries;
// - a refusal that means the work is no longer theirs (done in another tab, lease lost) says so
//   and moves on;
// - any other failed submit or skip shows its error and keeps saving the draft.
import { type DependencyList, useEffect, useRef } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { useReauth } from "@/app/_components/reauth-dialog";
import { errorReason, errorText } from "@/app/_lib/i18n/error-text";
import { ApiError } from "@/app/_lib/query/api-fetch";
import { type AutosaveTarget, useAutosavedDraft } from "./use-autosaved-draft";

export type LeasedWork<T, R> = Omit<AutosaveTarget<T, R>, "onError"> & {
  /** The draft as it stands now. */
  current: () => T;
  /** Values whose change schedules a save. */
  changes: DependencyList;
  /** Error reasons that mean the work is no longer this person's. */
  movedOn: ReadonlySet<string>;
  /** The work was finished elsewhere: the message says how. */
  onElsewhere: (message: string) => void;
};

export function useLeasedWork<T, R>(work: LeasedWork<T, R>) {
  const t = useT();
  const reauth = useReauth();
  const latest = useRef(work);
  latest.current = work;
  const isMovedOn = (err: unknown) => latest.current.movedOn.has(errorReason(err) ?? "");

  const draft = useAutosavedDraft<T, R>({
    url: work.url,
    body: work.body,
    savedAt: work.savedAt,
    onError: (err) => {
      if (err instanceof ApiError && err.status === 401) void reauth().then(() => draft.resume(latest.current.current()));
      else if (isMovedOn(err)) {
        draft.stop();
        latest.current.onElsewhere(errorText(t, err));
      }
    },
  });

  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    draft.schedule(latest.current.current());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, work.changes);

  /** Sends a submit or skip: signs in again in place on 401 and retries, moves on when the work was done elsewhere, else shows the error and keeps saving the draft. */
  const settle = async (send: () => Promise<unknown>, onSent: () => void, showError: (message: string) => void) => {
    draft.stop();
    for (;;) {
      try {
        await send();
        onSent();
        return;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) {
          await reauth();
          continue;
        }
        if (isMovedOn(err)) {
          latest.current.onElsewhere(errorText(t, err));
          return;
        }
        showError(errorText(t, err));
        draft.resume(latest.current.current());
        return;
      }
    }
  };

  return { status: draft.status, settle };
}
