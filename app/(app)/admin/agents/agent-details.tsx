"use client";
// What the agents page says about one agent: online or offline (from its last contact, see
// app/_lib/runs/agent-presence.ts), when it was last heard from, and the host it reported.
import { useT } from "@/app/_components/i18n-provider";
import { formatDuration } from "@/app/_lib/runs/progress";
import type { AgentView } from "@/app/_lib/runs/run-view";
import styles from "../runs/_components/runs.module.css";

const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const text = (v: unknown) => (typeof v === "string" && v ? v : null);

/** "12 s", "3 min 05 s": how long ago, for "last seen". */
export function useAgo() {
  return (iso: string) => formatDuration((Date.now() - Date.parse(iso)) / 1000);
}

export function AgentPresenceBadge({ agent }: { agent: AgentView }) {
  const t = useT();
  if (agent.revokedAt) return <span className="badge badge-danger" data-testid="agent-presence" data-online="false">{t("runs.agents.revoked")}</span>;
  return (
    <span
      className={agent.online ? "badge badge-ok" : "badge"}
      data-testid="agent-presence"
      data-online={agent.online ? "true" : "false"}
      title={t("runs.agents.offlineAfter", { s: agent.offlineAfterSeconds })}
    >
      {agent.online ? t("runs.agents.online") : t("runs.agents.offline")}
    </span>
  );
}

export function AgentHost({ agent: a }: { agent: AgentView }) {
  const t = useT();
  const gpuNames = strings(a.info.gpuNames);
  const models = strings(a.info.models);
  const software = [text(a.info.agentVersion) && `agent ${a.info.agentVersion}`, text(a.info.python) && `Python ${a.info.python}`, text(a.info.platform)].filter(Boolean);
  // "2 × NVIDIA H200" when the names are all the same
  const gpuLine = gpuNames.length
    ? new Set(gpuNames).size === 1
      ? `${gpuNames.length} × ${gpuNames[0]}`
      : gpuNames.join(", ")
    : a.gpus
      ? t("runs.agents.gpus", { n: a.gpus })
      : t("runs.agents.cpuOnly");
  return (
    <div style={{ fontSize: "0.9rem" }}>
      <div>{a.hostname ?? "—"}</div>
      {a.hostname ? <div className="muted" style={{ fontSize: "0.8rem" }} data-testid="agent-gpus">{gpuLine}</div> : null}
      {a.hostname && a.kinds.length < 3 ? <div className="muted" style={{ fontSize: "0.8rem" }}>{t("runs.agents.kinds", { kinds: a.kinds.join(", ") })}</div> : null}
      {software.length ? <div className="muted" style={{ fontSize: "0.8rem" }}>{software.join(" · ")}</div> : null}
      {models.length ? (
        <details>
          <summary className="muted" style={{ fontSize: "0.8rem" }}>{t("runs.agents.models", { n: models.length })}</summary>
          <ul style={{ margin: 0, paddingLeft: "1rem" }}>
            {models.map((m) => (
              <li key={m} className={styles.mono}>{m}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
