"use client";
// An admin creates an API token for another user (POST /api/users/[userId]/tokens), so a
// script can act as that user without anyone's password. The secret is shown once; the
// server records the act in the audit log.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { errorText } from "@/app/_components/query-view";
import type { NewToken } from "@/app/_hooks/use-tokens";
import type { UserRow } from "@/app/_hooks/use-users";
import { apiFetch } from "@/app/_lib/query/api-fetch";
import { createTokenSchema } from "@/app/_lib/tokens/create-token.schema";

export function MintTokenForm({ user, onDone }: { user: UserRow; onDone: () => void }) {
  const t = useT();
  const mint = useMutation({
    mutationFn: async (name: string) =>
      (await apiFetch<{ token: NewToken }>(`/api/users/${encodeURIComponent(user.id)}/tokens`, { method: "POST", json: { name } })).token,
  });
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = `mint-${user.id}`;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = createTokenSchema.safeParse({ name });
    if (!parsed.success) return setError(`${t("auth.mint.name")}: ${parsed.error.issues[0].message}`);
    setError(null);
    try {
      await mint.mutateAsync(parsed.data.name);
      setName("");
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <form className="stack" style={{ marginTop: "0.5rem" }} onSubmit={submit} noValidate aria-label={t("auth.mint.title", { name: user.name })}>
      <p className="muted">{t("auth.mint.intro")}</p>
      <div className="field">
        <label htmlFor={id}>{t("auth.mint.name")}</label>
        <input id={id} value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
      </div>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {mint.data ? (
        <div role="status" className="stack">
          <span>{t("auth.mint.secretOnce")}</span>
          <code data-testid={`minted-token-${user.email}`} style={{ wordBreak: "break-all" }}>
            {mint.data.secret}
          </code>
        </div>
      ) : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={mint.isPending}>
          {t("auth.mint.create")}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
