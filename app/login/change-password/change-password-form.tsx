"use client";
// Change one's own password: the forced form after a one-time password (/login/change-password)
// and the voluntary one on /settings/security. The change ends every session of the user, so
// the browser then signs in again with the new password.
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { errorText } from "@/app/_components/query-view";
import { apiFetch } from "@/app/_lib/query/api-fetch";
import { changePasswordSchema } from "@/app/_lib/users/change-password.schema";

export function ChangePasswordForm({ email, after }: { email: string; after: string }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = { currentPassword: String(form.get("currentPassword") ?? ""), newPassword: String(form.get("newPassword") ?? "") };
    if (input.newPassword !== String(form.get("repeatPassword") ?? "")) return setError(t("auth.change.mismatch"));
    const parsed = changePasswordSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const label = issue.path[0] === "currentPassword" ? t("auth.change.current") : t("auth.change.new");
      return setError(`${label}: ${issue.message}`);
    }
    setPending(true);
    setError(null);
    try {
      await apiFetch("/api/users/me/password", { method: "POST", json: parsed.data });
      setDone(true);
      const res = await signIn("credentials", { email, password: parsed.data.newPassword, redirect: false });
      if (res?.error) throw new Error(t(`auth.errors.${res.error.split(":")[0]}`, { seconds: res.error.split(":")[1] ?? 60 }));
      window.location.assign(after);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor="current-password">{t("auth.change.current")}</label>
        <input id="current-password" name="currentPassword" type="password" autoComplete="current-password" required />
      </div>
      <div className="field">
        <label htmlFor="new-password">{t("auth.change.new")}</label>
        <input id="new-password" name="newPassword" type="password" autoComplete="new-password" aria-describedby="new-password-hint" required />
        <span id="new-password-hint" className="muted">
          {t("auth.change.newHint")}
        </span>
      </div>
      <div className="field">
        <label htmlFor="repeat-password">{t("auth.change.repeat")}</label>
        <input id="repeat-password" name="repeatPassword" type="password" autoComplete="new-password" required />
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {done && !error && <p role="status">{t("auth.change.done")}</p>}
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {t("auth.change.submit")}
      </button>
    </form>
  );
}
