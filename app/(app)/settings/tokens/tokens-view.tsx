"use client";
import Link from "next/link";
import { useState } from "react";
import { ConfirmButton } from "@/app/_components/confirm-button";
import { useT } from "@/app/_components/i18n-provider";
import { errorText, QueryView } from "@/app/_components/query-view";
import { type NewToken, useCreateToken, useRevokeToken, useTokens } from "@/app/_hooks/use-tokens";
import { createTokenSchema } from "@/app/_lib/tokens/create-token.schema";

export function TokensView() {
  const t = useT();
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<NewToken | null>(null);
  const [copied, setCopied] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = createTokenSchema.safeParse({ name });
    if (!parsed.success) return setError(`${t("admin.tokens.name")}: ${parsed.error.issues[0].message}`);
    setError(null);
    setCopied(false);
    try {
      setFresh(await create.mutateAsync(parsed.data));
      setName("");
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <div className="stack">
      <h1>{t("admin.tokens.title")}</h1>
      <p className="muted">{t("admin.tokens.intro")}</p>
      <p>
        <Link href="/settings/security">{t("auth.sessions.title")}</Link>
      </p>
      <form className="card row" onSubmit={submit} noValidate style={{ alignItems: "flex-end" }}>
        <div className="field" style={{ flex: "1 1 220px" }}>
          <label htmlFor="token-name">{t("admin.tokens.name")}</label>
          <input id="token-name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {t("admin.tokens.create")}
        </button>
      </form>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {fresh ? (
        <div className="card stack" role="status">
          <span>{t("admin.tokens.secretOnce")}</span>
          <div className="row">
            <code data-testid="new-token-secret" style={{ wordBreak: "break-all" }}>
              {fresh.secret}
            </code>
            <button
              type="button"
              className="btn"
              onClick={async () => {
                await navigator.clipboard.writeText(fresh.secret);
                setCopied(true);
              }}
            >
              {copied ? t("admin.tokens.copied") : t("admin.tokens.copy")}
            </button>
          </div>
        </div>
      ) : null}
      {revoke.isError ? (
        <p className="error" role="alert">
          {errorText(revoke.error)}
        </p>
      ) : null}
      <QueryView query={tokens} empty={t("admin.tokens.empty")}>
        {(data) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t("admin.tokens.name")}</th>
                  <th>{t("admin.tokens.prefix")}</th>
                  <th>{t("admin.tokens.created")}</th>
                  <th>{t("admin.tokens.lastUsed")}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.map((tok) => (
                  <tr key={tok.id} data-testid={`token-row-${tok.name}`}>
                    <td>{tok.name}</td>
                    <td>
                      <code>{tok.prefix}…</code>
                    </td>
                    <td>{new Date(tok.createdAt).toLocaleString()}</td>
                    <td>{tok.lastUsedAt ? new Date(tok.lastUsedAt).toLocaleString() : t("admin.tokens.never")}</td>
                    <td>
                      {tok.revokedAt ? (
                        <span className="badge badge-danger">{t("admin.tokens.revoked")}</span>
                      ) : (
                        <ConfirmButton
                          label={t("admin.tokens.revoke")}
                          question={t("admin.tokens.revokeConfirm", { name: tok.name })}
                          confirmLabel={t("admin.tokens.revokeYes")}
                          disabled={revoke.isPending}
                          onConfirm={() => revoke.mutate(tok.id)}
                          testId={`revoke-${tok.name}`}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </div>
  );
}
