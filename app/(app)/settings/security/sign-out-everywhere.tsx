"use client";
// "Sign out everywhere": ends every session of the user (this browser's too), then shows the login page.
import { signOut } from "next-auth/react";
import { useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { errorText } from "@/app/_components/query-view";
import { apiFetch } from "@/app/_lib/query/api-fetch";

export function SignOutEverywhere() {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onClick() {
    setPending(true);
    try {
      await apiFetch("/api/users/me/sessions", { method: "DELETE" });
      await signOut({ callbackUrl: "/login" });
    } catch (err) {
      setError(errorText(err));
      setPending(false);
    }
  }

  return (
    <div className="stack">
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="button" className="btn btn-danger" onClick={onClick} disabled={pending} style={{ alignSelf: "flex-start" }}>
        {t("auth.sessions.everywhere")}
      </button>
    </div>
  );
}
