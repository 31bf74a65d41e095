"use client";
// One run: what it leads with (headline), why it waits (queued), progress, pinned inputs, charts,
// the text it produced (samples), artifacts and the live log; cancel, and clone into a new launch.
import Link from "next/link";
import { useMemo } from "react";
import { useLocale, useT } from "@/app/_components/i18n-provider";
import { errorText } from "@/app/_components/query-view";
import { isActive, useCancelRun, useRun, useRunMetrics } from "@/app/_hooks/use-runs";
import { formatDuration } from "@/app/_lib/runs/progress";
import { runHeadline } from "@/app/_lib/runs/run-headline";
import type { RunDetail } from "@/app/_lib/runs/run-view";
import { formatBytes, formatTime } from "./format";
import { LogTail } from "./log-tail";
import { EvaluateRunButton } from "./evaluate-run-button";
import { RunCharts } from "./run-charts";
import { HeadlineTiles } from "./run-headline";
import { RunSamples } from "./run-samples";
import { RunStatusBadge } from "./run-status-badge";
import styles from "./runs.module.css";

export function RunView({ runId }: { runId: string }) {
  const t = useT();
  const run = useRun(runId);
  const cancel = useCancelRun(runId);
  if (run.isPending) return <p className="muted">{t("common.loading")}</p>;
  if (run.isError) return <p className="error" role="alert">{errorText(run.error)}</p>;
  return <RunPage run={run.data} onCancel={() => cancel.mutate()} cancelling={cancel.isPending} cancelError={cancel.isError ? errorText(cancel.error) : null} />;
}

function RunPage({ run: r, onCancel, cancelling, cancelError }: { run: RunDetail; onCancel: () => void; cancelling: boolean; cancelError: string | null }) {
  const t = useT();
  const live = isActive(r.status);
  // the same query the charts read (shared cache): the headline follows the metrics live
  const metrics = useRunMetrics(r.id, live);
  const headline = useMemo(
    () => runHeadline({ kind: r.kind, summary: r.summary, config: r.config, rows: metrics.data?.points ?? [], timing: r, ended: !live }),
    [r, metrics.data],
  );
  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <div className="stack" style={{ gap: "0.25rem" }}>
          <Link href="/admin/runs" className="muted">← {t("runs.title")}</Link>
          <h1 style={{ margin: 0 }}>{r.name}</h1>
          <div className="row">
            <span className="badge">{t(`runs.kind.${r.kind}`)}</span>
            <RunStatusBadge status={r.status} cancelRequested={r.cancelRequested} />
          </div>
        </div>
        <div className="row">
          {r.kind === "RM" && r.status === "SUCCEEDED" && r.projectId ? (
            <Link className="btn" href={`/admin/runs/new?kind=PPO&projectId=${encodeURIComponent(r.projectId)}&rewardRunId=${encodeURIComponent(r.id)}`}>
              {t("runs.launchPpoOn")}
            </Link>
          ) : null}
          {r.kind === "PPO" && r.status === "SUCCEEDED" && r.projectId ? <EvaluateRunButton runId={r.id} /> : null}
          {r.kind !== "GENERATE" ? (
          <Link className="btn" href={`/admin/runs/new?clone=${encodeURIComponent(r.id)}`} data-testid="clone-run">
            {t("runs.clone")}
          </Link>
          ) : null}
          {live ? (
            <button
              type="button"
              className="btn btn-danger"
              disabled={cancelling || r.cancelRequested}
              onClick={() => window.confirm(t("runs.cancelConfirm")) && onCancel()}
            >
              {r.cancelRequested ? t("runs.cancelPending") : t("runs.cancel")}
            </button>
          ) : null}
        </div>
      </div>
      {cancelError ? <p className="error" role="alert">{cancelError}</p> : null}
      {r.error ? (
        <p className={r.status === "FAILED" ? "error" : "muted"} role={r.status === "FAILED" ? "alert" : undefined} data-testid="run-error">
          {r.error}
        </p>
      ) : null}
      {r.status === "QUEUED" && r.queue ? (
        <p className="card" role="status" data-testid="queue-wait">
          {t("runs.queue.position", { n: r.queue.position, total: r.queue.queued })} · {t(`runs.queue.reason.${r.queue.reason}`)}{" "}
          <Link href="/admin/agents">{t("runs.agentsLink")}</Link>
        </p>
      ) : null}
      <HeadlineTiles run={r} headline={headline} />
      <div className="grid">
        <ProgressCard run={r} />
        <InputsCard run={r} />
      </div>
      {r.kind !== "SAMPLE" && r.kind !== "GENERATE" ? <RunCharts runId={r.id} live={live} bestStep={headline.rm?.best?.step ?? null} /> : null}
      {r.kind !== "RM" && r.kind !== "GENERATE" ? <RunSamples runId={r.id} kind={r.kind} live={live} /> : null}
      {r.status === "SUCCEEDED" || r.artifacts.length ? <Artifacts run={r} /> : null}
      <LogTail runId={r.id} live={live} />
    </div>
  );
}

function ProgressCard({ run: r }: { run: RunDetail }) {
  const t = useT();
  const locale = useLocale();
  const p = r.progress;
  const fraction = r.status === "SUCCEEDED" ? 1 : p.fraction; // a sampling run counts no steps
  return (
    <section className="card stack" aria-labelledby="run-progress">
      <h2 id="run-progress" style={{ margin: 0 }}>{t("runs.progress")}</h2>
      <div className={styles.progress} role="progressbar" aria-label={t("runs.progress")} aria-valuemin={0} aria-valuemax={100} aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}>
        <span style={{ width: `${Math.round((fraction ?? 0) * 100)}%` }} />
      </div>
      <p style={{ margin: 0 }} data-testid="run-step">
        {r.kind === "SAMPLE" && !p.totalSteps
          ? r.results
            ? t("runs.results", { items: Number(r.results.items ?? 0), candidates: Number(r.results.candidates ?? 0), skipped: Number(r.results.skipped ?? 0) })
            : t("runs.sampleItems", { n: r.itemCount })
          : p.totalSteps
            ? t("runs.stepOf", { step: p.step, total: p.totalSteps })
            : t("runs.step", { step: p.step })}
        {p.etaSeconds !== null && r.status === "RUNNING" ? ` · ${t("runs.eta", { eta: formatDuration(p.etaSeconds) })}` : ""}
        {p.stepsPerSecond ? ` · ${t("runs.rate", { rate: p.stepsPerSecond.toFixed(2) })}` : ""}
      </p>
      <dl className={styles.facts}>
        <dt>{t("runs.attempts")}</dt>
        <dd>{t("runs.attemptOf", { n: r.attempts, max: r.maxAttempts })}</dd>
        <dt>{t("runs.col.agent")}</dt>
        <dd>{r.agent?.name ?? "—"}</dd>
        <dt>{t("runs.col.queued")}</dt>
        <dd>{formatTime(r.queuedAt, locale)}</dd>
        <dt>{t("runs.started")}</dt>
        <dd>{formatTime(r.startedAt, locale)}</dd>
        {r.status === "RUNNING" ? (
          <>
            <dt>{t("runs.lease")}</dt>
            <dd>{t("runs.leaseUntil", { time: formatTime(r.leaseExpiresAt, locale), s: r.leaseSeconds })}</dd>
          </>
        ) : null}
        <dt>{t("runs.finished")}</dt>
        <dd>{formatTime(r.finishedAt, locale)}</dd>
      </dl>
    </section>
  );
}

function InputsCard({ run: r }: { run: RunDetail }) {
  const t = useT();
  return (
    <section className="card stack" aria-labelledby="run-inputs">
      <h2 id="run-inputs" style={{ margin: 0 }}>{t("runs.inputs")}</h2>
      <dl className={styles.facts}>
        <dt>{t("runs.form.project")}</dt>
        <dd>{r.projectName ?? "—"}</dd>
        {r.snapshot ? (
          <>
            <dt>{t("runs.form.snapshot")}</dt>
            <dd>
              v{r.snapshot.version} <span className={styles.mono}>{r.snapshot.contentHash.slice(0, 12)}</span>
            </dd>
          </>
        ) : null}
        {r.kind === "SAMPLE" ? (
          <>
            <dt>{t("runs.items")}</dt>
            <dd>{r.itemCount}</dd>
          </>
        ) : null}
        {r.evaluation ? (
          <>
            <dt>{t("evalSets.run.evaluation")}</dt>
            <dd>
              <Link href={`/admin/evaluations/${r.evaluation.evalSetId}`}>{r.evaluation.evalSetName}</Link>
              <div className="muted" data-testid="run-evaluation-answers">
                {t("evalSets.run.system", { name: r.evaluation.systemName, answers: r.evaluation.answers, prompts: r.evaluation.prompts })}
              </div>
            </dd>
          </>
        ) : null}
        {r.parentRun ? (
          <>
            <dt>{t(r.kind === "PPO" ? "runs.form.rewardRun" : "runs.form.adapterRun")}</dt>
            <dd>
              <Link href={`/admin/runs/${r.parentRun.id}`}>{r.parentRun.name}</Link>
            </dd>
          </>
        ) : null}
        <dt>{t(r.kind === "RM" ? "runs.form.baseModel" : "runs.form.policy")}</dt>
        <dd className={styles.mono}>{r.modelPath}</dd>
        <dt>{t("runs.inputHash")}</dt>
        <dd className={styles.mono}>{r.inputHash?.slice(0, 16) ?? "—"}</dd>
      </dl>
      <details>
        <summary>{t("runs.form.hyperparameters")}</summary>
        <dl className={styles.facts}>
          {Object.entries(r.config).map(([k, v]) => (
            <span key={k} style={{ display: "contents" }}>
              <dt className={styles.mono}>{k}</dt>
              <dd className={styles.mono}>{JSON.stringify(v)}</dd>
            </span>
          ))}
        </dl>
      </details>
    </section>
  );
}

function Artifacts({ run: r }: { run: RunDetail }) {
  const t = useT();
  return (
    <section className="stack" aria-labelledby="run-artifacts">
      <h2 id="run-artifacts">{t("runs.artifacts")}</h2>
      {r.outputDir ? (
        <p className="muted" style={{ margin: 0 }}>
          {t("runs.outputDir")}: <span className={styles.mono}>{r.outputDir}</span>
        </p>
      ) : null}
      {r.results ? (
        <p data-testid="run-results">{t("runs.results", { items: Number(r.results.items ?? 0), candidates: Number(r.results.candidates ?? 0), skipped: Number(r.results.skipped ?? 0) })}</p>
      ) : null}
      {r.artifacts.length === 0 ? (
        <p className="muted">{t("runs.noArtifacts")}</p>
      ) : (
        <div className="table-wrap" style={{ maxHeight: 320, overflowY: "auto" }} tabIndex={0} aria-label={t("runs.artifacts")}>
          <table className="table" data-testid="run-artifacts">
            <thead>
              <tr>
                <th>{t("runs.path")}</th>
                <th>{t("runs.size")}</th>
              </tr>
            </thead>
            <tbody>
              {r.artifacts.map((a) => (
                <tr key={a.path}>
                  <td className={styles.mono}>{a.path}</td>
                  <td>{formatBytes(a.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {r.summary ? (
        <details>
          <summary>{t("runs.summary")}</summary>
          <pre className={styles.command}>{JSON.stringify(r.summary, null, 2)}</pre>
        </details>
      ) : null}
    </section>
  );
}
