"use client";
import { useSearchParams } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useLocale, useSetLocale, useT } from "@/app/_components/i18n-provider";
import { safeCallbackPath } from "@/app/_lib/auth/safe-callback";
import { parseSignInError } from "@/app/_lib/auth/sign-in-errors";
import styles from "./login.module.css";

export function LoginForm({ sso }: { sso: string | null }) {
  const t = useT();
  const locale = useLocale();
  const setLocale = useSetLocale();
  const params = useSearchParams();
  // an error from a refused single sign-on arrives in the address; one from the form, in state
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const shown = parseSignInError(formError ?? params.get("error"));
  const destination = () => safeCallbackPath(params.get("callbackUrl"), window.location.origin);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setFormError(null);
    const res = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (!res || res.error) {
      setFormError(res?.error ?? "failed");
      return;
    }
    // a full page load: every server component renders afresh with the new session
    window.location.assign(destination());
  }

  return (
    <main className={styles.page}>
      <form className={`card stack ${styles.form}`} onSubmit={onSubmit}>
        <div className="row" style={{ justifyContent: "space-between" }}>
          <h1 style={{ margin: 0 }}>{t("common.appName")}</h1>
          <button type="button" className="btn" onClick={() => setLocale(locale === "zh" ? "en" : "zh")}>
            {t("common.nav.language")}
          </button>
        </div>
        <p className="muted">{t("common.tagline")}</p>
        <h2>{t("common.login.title")}</h2>
        <div className="field">
          <label htmlFor="email">{t("common.login.email")}</label>
          <input id="email" name="email" type="email" autoComplete="username" required />
        </div>
        <div className="field">
          <label htmlFor="password">{t("common.login.password")}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        {shown && (
          <p role="alert" className="error" data-testid="sign-in-error" data-code={shown.code}>
            {t(`auth.errors.${shown.code}`, { seconds: shown.seconds ?? 60 })}
          </p>
        )}
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {t("common.login.submit")}
        </button>
        {sso && (
          <button type="button" className="btn" onClick={() => signIn("oidc", { callbackUrl: destination() })}>
            {t("common.login.sso", { name: sso })}
          </button>
        )}
      </form>
    </main>
  );
}
