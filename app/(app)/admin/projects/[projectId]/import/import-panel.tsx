"use client";
import { useState } from "react";
import { useLocale, useT } from "@/app/_components/i18n-provider";
import { errorText, QueryView } from "@/app/_components/query-view";
import { type UploadProgress, useImportFile, useImports } from "@/app/_hooks/use-imports";
import { useProject } from "@/app/_hooks/use-projects";
import { CANDIDATE_BUILDERS, IMPORT_FORMATS, importFileSchema } from "@/app/_lib/import/import-file.schema";
import type { RecordIssue } from "@/app/_lib/import/types";
import { ApiError } from "@/app/_lib/query/api-fetch";
import { DataNav } from "../_data/data-nav";
import styles from "./import.module.css";

/** One bar for the whole job: upload 0–20 %, checking 20–50 %, writing 50–100 %. */
function overall(p: UploadProgress): { phase: string; percent: number } | null {
  const frac = (a: number, b: number) => (b > 0 ? Math.min(1, a / b) : 0);
  if (p.phase === "uploading") return { phase: "uploading", percent: Math.round(20 * frac(p.loaded, p.total)) };
  if (p.phase === "validate") return { phase: "validate", percent: Math.round(20 + 30 * frac(p.bytes, p.totalBytes)) };
  if (p.phase === "write") return { phase: "write", percent: Math.round(50 + 50 * frac(p.bytes, p.totalBytes)) };
  return null;
}

export function ImportPanel({ projectId }: { projectId: string }) {
  const t = useT();
  const locale = useLocale();
  const project = useProject(projectId);
  const imports = useImports(projectId);
  const importFile = useImportFile(projectId);
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<(typeof IMPORT_FORMATS)[number]>("auto");
  const [candidates, setCandidates] = useState<(typeof CANDIDATE_BUILDERS)[number]>("none");
  const [seed, setSeed] = useState("medrank");
  const [formError, setFormError] = useState<string | null>(null);

  const busy = importFile.isPending;
  const bar = overall(importFile.progress);
  const result = importFile.data;
  const failure = importFile.error;
  const issues = failure instanceof ApiError ? ((failure.details as { issues?: RecordIssue[] } | undefined)?.issues ?? []) : [];
  const fmtDate = (iso: string) => new Date(iso).toLocaleString(locale === "zh" ? "zh-CN" : "en-GB");

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setFormError(null);
    if (!file) return setFormError(t("data.import.needFile"));
    const parsed = importFileSchema.safeParse({ fileName: file.name, format, candidates, seed });
    if (!parsed.success) return setFormError(parsed.error.issues[0].message);
    const { fileName: _name, ...options } = parsed.data;
    importFile.mutate({ file, options });
  };

  return (
    <div className="stack">
      <DataNav projectId={projectId} current="import" />
      <h1>{t("data.import.title", { name: project.data?.name ?? "…" })}</h1>
      <p className="muted">{t("data.import.intro")}</p>

      <form className={`card ${styles.form}`} onSubmit={submit} aria-busy={busy}>
        <div className={`field ${styles.wide}`}>
          <label htmlFor="import-file">{t("data.import.file")}</label>
          <input
            id="import-file"
            type="file"
            accept=".json,.jsonl,.ndjson,application/json"
            disabled={busy}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              importFile.reset();
            }}
          />
          <span className="hint">{t("data.import.fileHint")}</span>
        </div>
        <div className="field">
          <label htmlFor="import-format">{t("data.import.format")}</label>
          <select id="import-format" value={format} disabled={busy} onChange={(e) => setFormat(e.target.value as typeof format)}>
            {IMPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`data.import.format.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="import-candidates">{t("data.import.candidates")}</label>
          <select id="import-candidates" value={candidates} disabled={busy} onChange={(e) => setCandidates(e.target.value as typeof candidates)}>
            {CANDIDATE_BUILDERS.map((b) => (
              <option key={b} value={b}>
                {t(`data.import.candidates.${b}`)}
              </option>
            ))}
          </select>
          {candidates === "reference-distractors" ? <span className="hint">{t("data.import.candidatesHint")}</span> : null}
        </div>
        {candidates === "reference-distractors" ? (
          <div className="field">
            <label htmlFor="import-seed">{t("data.import.seed")}</label>
            <input id="import-seed" value={seed} disabled={busy} onChange={(e) => setSeed(e.target.value)} />
            <span className="hint">{t("data.import.seedHint")}</span>
          </div>
        ) : null}
        <div className={`row ${styles.wide}`}>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t("data.import.submit")}
          </button>
          {formError ? (
            <span className="error" role="alert">
              {formError}
            </span>
          ) : null}
        </div>

        {busy && bar ? (
          <div className={`stack ${styles.wide}`} style={{ gap: "0.25rem" }}>
            <progress
              className={styles.progress}
              max={100}
              value={bar.percent}
              aria-label={t("data.import.progress", { phase: t(`data.import.phase.${bar.phase}`), percent: bar.percent })}
            />
            <span className="muted" role="status">
              {t("data.import.progress", { phase: t(`data.import.phase.${bar.phase}`), percent: bar.percent })}
              {importFile.progress.phase === "validate" || importFile.progress.phase === "write"
                ? ` · ${t("data.import.records", { count: importFile.progress.records })}`
                : null}
            </span>
          </div>
        ) : null}
      </form>

      {result ? (
        <div className="success" role="status" data-testid="import-result">
          <p>
            {result.duplicate
              ? t("data.import.duplicate", { fileName: result.import.fileName })
              : t("data.import.done", { fileName: result.import.fileName, ...result.import.counts })}
          </p>
          {!result.duplicate && (result.import.counts.skippedDialogues || result.import.counts.skippedCandidates) ? (
            <p>{t("data.import.skipped", { dialogues: result.import.counts.skippedDialogues, candidates: result.import.counts.skippedCandidates })}</p>
          ) : null}
          {!result.duplicate && result.import.counts.contextTurns ? (
            <p data-testid="import-context-turns">{t("data.import.contextTurns", { n: result.import.counts.contextTurns })}</p>
          ) : null}
        </div>
      ) : null}

      {failure ? (
        <div className="stack" data-testid="import-error">
          <p className="error" role="alert">
            {t("data.import.failed", { message: errorText(failure) })}
          </p>
          {issues.length ? (
            <section className="stack">
              <h2>{t("data.import.issues")}</h2>
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th>{t("data.import.issue.where")}</th>
                      <th>{t("data.import.issue.id")}</th>
                      <th>{t("data.import.issue.field")}</th>
                      <th>{t("data.import.issue.message")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {issues.map((i, n) => (
                      <tr key={n}>
                        <td>{i.line !== undefined ? t("data.import.issue.line", { line: i.line }) : t("data.import.issue.record", { index: i.index })}</td>
                        <td>{i.id ?? "—"}</td>
                        <td>
                          <code>{i.field ?? "—"}</code>
                        </td>
                        <td>{i.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ) : null}
        </div>
      ) : null}

      <section className="stack">
        <h2>{t("data.import.history")}</h2>
        <QueryView query={imports} empty={t("data.import.empty")}>
          {(data) => (
            <div className="table-wrap">
              <table className="table" data-testid="import-history">
                <thead>
                  <tr>
                    <th>{t("data.import.col.file")}</th>
                    <th>{t("data.import.col.format")}</th>
                    <th>{t("data.import.col.counts")}</th>
                    <th>{t("data.import.col.builder")}</th>
                    <th>{t("data.import.col.by")}</th>
                    <th>{t("data.import.col.at")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((i) => (
                    <tr key={i.id}>
                      <td>
                        <div>{i.fileName}</div>
                        <div className={`muted ${styles.hash}`} title={i.contentHash}>
                          {i.contentHash.slice(0, 12)}
                        </div>
                      </td>
                      <td>{t(`data.import.format.${i.format}`)}</td>
                      <td>
                        {i.counts.dialogues} / {i.counts.items} / {i.counts.openItems} / {i.counts.candidates}
                      </td>
                      <td>
                        {i.options.candidates === "reference-distractors" ? (
                          <span className="badge badge-warn">{t("data.import.candidates.reference-distractors")}</span>
                        ) : (
                          t("data.import.candidates.none")
                        )}
                      </td>
                      <td>{i.createdBy?.name ?? "—"}</td>
                      <td>{fmtDate(i.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryView>
      </section>
    </div>
  );
}
