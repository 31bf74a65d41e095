"use client";
// Sign in again without leaving the page. When a request meets an expired session (401), the
// page calls reauthenticate(): a modal dialog with the sign-in form opens over the untouched
// page, and the promise resolves once the user is signed in again, so the caller can retry
// what failed (a submit, a draft save) with everything the user entered still in place.
import { signIn } from "next-auth/react";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { parseSignInError } from "@/app/_lib/auth/sign-in-errors";
import { useT } from "./i18n-provider";
import styles from "./reauth-dialog.module.css";

type Reauth = () => Promise<void>;
const ReauthContext = createContext<Reauth | null>(null);

/** reauthenticate(): resolves when the user has signed in again (several callers share one dialog). */
export function useReauth(): Reauth {
  const reauth = useContext(ReauthContext);
  if (!reauth) throw new Error("useReauth needs a ReauthProvider");
  return reauth;
}

export function ReauthProvider({ email, children }: { email: string; children: React.ReactNode }) {
  const waiting = useRef<(() => void)[]>([]);
  const [open, setOpen] = useState(false);
  const reauthenticate = useCallback<Reauth>(
    () =>
      new Promise<void>((resolve) => {
        waiting.current.push(resolve);
        setOpen(true);
      }),
    [],
  );
  const done = useCallback(() => {
    setOpen(false);
    const resolves = waiting.current;
    waiting.current = [];
    for (const r of resolves) r();
  }, []);
  return (
    <ReauthContext.Provider value={reauthenticate}>
      {children}
      {open && <ReauthDialog email={email} onSignedIn={done} />}
    </ReauthContext.Provider>
  );
}

function ReauthDialog({ email, onSignedIn }: { email: string; onSignedIn: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const onSubmit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const res = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    }).catch(() => null);
    setPending(false);
    if (!res || res.error || !res.ok) {
      const shown = parseSignInError(res?.error ?? "failed")!;
      setError(t(`auth.errors.${shown.code}`, { seconds: shown.seconds ?? 60 }));
      return;
    }
    ref.current?.close();
    onSignedIn();
  };

  const ids = useMemo(() => ({ title: "reauth-title", body: "reauth-body" }), []);
  return (
    // Escape must not dismiss it: without a session nothing on the page can be saved
    <dialog ref={ref} className={styles.dialog} aria-labelledby={ids.title} aria-describedby={ids.body} onCancel={(e) => e.preventDefault()} data-testid="reauth-dialog">
      <form className="stack" onSubmit={onSubmit}>
        <h2 id={ids.title} className={styles.title}>
          {t("annotate.reauth.title")}
        </h2>
        <p id={ids.body} className={styles.body}>
          {t("annotate.reauth.body")}
        </p>
        <div className="field">
          <label htmlFor="reauth-email">{t("common.login.email")}</label>
          <input id="reauth-email" name="email" type="email" autoComplete="username" defaultValue={email} required />
        </div>
        <div className="field">
          <label htmlFor="reauth-password">{t("common.login.password")}</label>
          <input id="reauth-password" name="password" type="password" autoComplete="current-password" required autoFocus />
        </div>
        {error && (
          <p className="error" role="alert" data-testid="reauth-error">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {t("annotate.reauth.submit")}
        </button>
      </form>
    </dialog>
  );
}
