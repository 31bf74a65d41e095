"use client";
import { useState } from "react";
import { useLocale, useT } from "@/app/_components/i18n-provider";
import { errorText, QueryView } from "@/app/_components/query-view";
import { useAgents, useCreateAgentToken, useRevokeAgentToken } from "@/app/_hooks/use-agents";
import { createAgentTokenSchema } from "@/app/_lib/runs/agent-token.schema";
import { formatTime } from "../runs/_components/format";
import styles from "../runs/_components/runs.module.css";
import { ConfirmButton } from "@/app/_components/confirm-button";
import Link from "next/link";
import { AgentHost, AgentPresenceBadge, useAgo } from "./agent-details";

export function AgentsAdmin() {
  const t = useT();
  const locale = useLocale();
  const agents = useAgents();
  const create = useCreateAgentToken();
  const revoke = useRevokeAgentToken();
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = createAgentTokenSchema.safeParse({ name });
    if (!parsed.success) return setNameError(parsed.error.issues[0].message);
    setNameError(null);
    create.mutate(parsed.data, { onSuccess: () => setName("") });
  };
  const ago = useAgo();
  const origin = typeof window === "undefined" ? "http://localhost:3000" : window.location.origin;

  return (
    <div className="stack">
      <h1>{t("runs.agents.title")}</h1>
      <p className="muted">{t("runs.agents.about")}</p>
      <form className="card row" onSubmit={submit} noValidate style={{ alignItems: "flex-end" }}>
        <div className="field" style={{ flex: "1 1 240px" }}>
          <label htmlFor="agent-name">{t("runs.agents.name")}</label>
          <input id="agent-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="gpu-box-1 (8×H100)" />
          {nameError ? <span className="error">{nameError}</span> : null}
        </div>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {t("runs.agents.create")}
        </button>
      </form>
      {create.isError ? <p className="error" role="alert">{errorText(create.error)}</p> : null}
      {create.data ? (
        <div className="card stack" data-testid="new-agent-token">
          <strong>{t("runs.agents.tokenOnce", { name: create.data.agent.name })}</strong>
          <code className={styles.token}>{create.data.token}</code>
          <span className="muted">{t("runs.agents.command")}</span>
          <pre className={styles.command}>
            {`MEDRANK_AGENT_TOKEN=${create.data.token} \\\n  medrank-trainer agent --url ${origin} --workdir /data/medrank-agent --gpus 1`}
          </pre>
        </div>
      ) : null}
      {revoke.isError ? <p className="error" role="alert">{errorText(revoke.error)}</p> : null}
      <QueryView query={agents} empty={t("runs.agents.empty")}>
        {(data) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t("runs.agents.name")}</th>
                  <th>{t("runs.agents.presence")}</th>
                  <th>{t("runs.agents.host")}</th>
                  <th>{t("runs.agents.running")}</th>
                  <th>{t("runs.agents.token")}</th>
                  <th>{t("runs.agents.state")}</th>
                </tr>
              </thead>
              <tbody>
                {data.map((a) => {
                  return (
                    <tr key={a.id} data-testid={`agent-row-${a.name}`}>
                      <td>{a.name}</td>
                      <td>
                        <AgentPresenceBadge agent={a} />
                        <div className="muted" style={{ fontSize: "0.8rem" }} title={formatTime(a.lastSeenAt, locale)}>
                          {a.lastSeenAt ? t("runs.agents.seenAgo", { ago: ago(a.lastSeenAt) }) : t("runs.agents.neverSeen")}
                        </div>
                      </td>
                      <td>
                        <AgentHost agent={a} />
                      </td>
                      <td>
                        {a.currentRuns.length === 0
                          ? <span className="muted">{t("runs.agents.idle")}</span>
                          : a.currentRuns.map((r) => (
                              <div key={r.id}>
                                <Link href={`/admin/runs/${r.id}`}>{r.name}</Link>
                              </div>
                            ))}
                      </td>
                      <td className={styles.mono}>{a.prefix}…</td>
                      <td>
                        {a.revokedAt ? (
                          <span className="badge badge-danger">{t("runs.agents.revoked")}</span>
                        ) : (
                          <ConfirmButton
                            label={t("runs.agents.revoke")}
                            question={t("runs.agents.revokeConfirm", { name: a.name })}
                            confirmLabel={t("admin.tokens.revokeYes")}
                            disabled={revoke.isPending}
                            onConfirm={() => revoke.mutate(a.id)}
                            testId={`revoke-agent-${a.name}`}
                          />
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </div>
  );
}
