"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { RunStatus } from "@/app/_generated/prisma/enums";
import { useLocale, useT } from "@/app/_components/i18n-provider";
import { QueryView } from "@/app/_components/query-view";
import { type RunFilter, useRuns } from "@/app/_hooks/use-runs";
import { formatDuration } from "@/app/_lib/runs/progress";
import { formatTime } from "./format";
import { HeadlineLine } from "./run-headline";
import { RunStatusBadge } from "./run-status-badge";

const STATUSES: RunStatus[] = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"];
const KINDS = ["RM", "PPO", "SAMPLE"] as const;

export function RunsList() {
  const t = useT();
  const locale = useLocale();
  const router = useRouter();
  const [filter, setFilter] = useState<RunFilter>({});
  const [picked, setPicked] = useState<string[]>([]);
  const runs = useRuns(filter);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-8)));

  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h1 style={{ margin: 0 }}>{t("runs.title")}</h1>
        <div className="row">
          {KINDS.map((k) => (
            <Link key={k} className="btn btn-primary" href={`/admin/runs/new?kind=${k}`}>
              {t(`runs.launch.${k}`)}
            </Link>
          ))}
        </div>
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="runs-status">{t("runs.filter.status")}</label>
          <select id="runs-status" value={filter.status ?? ""} onChange={(e) => setFilter((f) => ({ ...f, status: (e.target.value || undefined) as RunStatus | undefined }))}>
            <option value="">{t("runs.filter.all")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`runs.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="runs-kind">{t("runs.filter.kind")}</label>
          <select id="runs-kind" value={filter.kind ?? ""} onChange={(e) => setFilter((f) => ({ ...f, kind: (e.target.value || undefined) as RunFilter["kind"] }))}>
            <option value="">{t("runs.filter.all")}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`runs.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn" style={{ alignSelf: "flex-end" }} disabled={picked.length < 2} onClick={() => router.push(`/admin/runs/compare?ids=${picked.join(",")}`)}>
          {t("runs.compareSelected", { n: picked.length })}
        </button>
        <Link className="btn" style={{ alignSelf: "flex-end" }} href="/admin/agents">
          {t("runs.agentsLink")}
        </Link>
      </div>
      <QueryView query={runs} empty={t("runs.empty")} isEmpty={(data) => data.runs.length === 0}>
        {(data) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>
                    <span className="visually-hidden">{t("runs.compare")}</span>
                  </th>
                  <th>{t("runs.col.name")}</th>
                  <th>{t("runs.col.kind")}</th>
                  <th>{t("runs.col.status")}</th>
                  <th>{t("runs.col.progress")}</th>
                  <th>{t("runs.col.result")}</th>
                  <th>{t("runs.col.agent")}</th>
                  <th>{t("runs.col.queued")}</th>
                  <th>{t("runs.col.time")}</th>
                </tr>
              </thead>
              <tbody>
                {data.runs.map((r) => (
                  <tr key={r.id} data-testid={`run-row-${r.id}`}>
                    <td>
                      <input type="checkbox" aria-label={t("runs.pickForCompare", { name: r.name })} checked={picked.includes(r.id)} onChange={() => toggle(r.id)} />
                    </td>
                    <td>
                      <Link href={`/admin/runs/${r.id}`}>{r.name}</Link>
                      {r.projectName ? <div className="muted" style={{ fontSize: "0.8rem" }}>{r.projectName}</div> : null}
                    </td>
                    <td>{t(`runs.kind.${r.kind}`)}</td>
                    <td>
                      <RunStatusBadge status={r.status} cancelRequested={r.cancelRequested} />
                      {r.attempts > 1 ? <div className="muted" style={{ fontSize: "0.8rem" }}>{t("runs.attemptOf", { n: r.attempts, max: r.maxAttempts })}</div> : null}
                    </td>
                    <td>{r.totalSteps ? `${r.step} / ${r.totalSteps}` : r.step || "—"}</td>
                    <td data-testid="run-result">
                      <HeadlineLine run={r} />
                    </td>
                    <td>{r.agent?.name ?? "—"}</td>
                    <td>{formatTime(r.queuedAt, locale)}</td>
                    <td style={{ whiteSpace: "nowrap" }}>
                      {r.headline.waitSeconds !== null ? <div>{t("runs.head.waitShort", { d: formatDuration(r.headline.waitSeconds) })}</div> : null}
                      {r.headline.runSeconds !== null ? <div>{t("runs.head.ranShort", { d: formatDuration(r.headline.runSeconds) })}</div> : null}
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
