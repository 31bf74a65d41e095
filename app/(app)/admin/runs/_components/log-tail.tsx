"use client";
// The run's log: trainer stdout/stderr, agent notes, app notes (lease lapsed …). It opens at the
// tail and follows it while the reader stays there (scrolling up stops following; scrolling back
// down resumes). A progress bar is one line updated in place. Warnings and errors can be shown
// alone; the whole log downloads as a text file.
import { useLayoutEffect, useRef, useState } from "react";
import { useLocale, useT } from "@/app/_components/i18n-provider";
import { errorText } from "@/app/_components/query-view";
import { LOG_TAIL, logDownloadUrl, useRunLogs } from "@/app/_hooks/use-runs";
import { LOG_FILTERS, type LogFilter, lineLevel } from "@/app/_lib/runs/log-level";
import styles from "./runs.module.css";

const STREAM_CLASS: Record<string, string | undefined> = { stderr: styles.stderr, agent: styles.agent, app: styles.app };
const LEVEL_CLASS: Record<string, string | undefined> = { error: styles.levelError, warning: styles.levelWarning };
const NEAR_BOTTOM_PX = 40;

export function LogTail({ runId, live }: { runId: string; live: boolean }) {
  const t = useT();
  const locale = useLocale();
  const [level, setLevel] = useState<LogFilter>("all");
  const logs = useRunLogs(runId, live, level);
  const box = useRef<HTMLPreElement>(null);
  const follow = useRef(true);
  const lines = logs.data?.lines ?? [];
  const total = logs.data?.total ?? 0;
  const last = lines.at(-1);
  const time = (iso: string) => new Date(iso).toLocaleTimeString(locale === "zh" ? "zh-CN" : "en-GB", { hour12: false });

  useLayoutEffect(() => {
    // at the tail on first show and after every update while following (before paint: no jump)
    const el = box.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [lines.length, last?.id, last?.line, level]);

  return (
    <section className="stack" aria-labelledby="run-log">
      <div className="row" style={{ justifyContent: "space-between", alignItems: "flex-end" }}>
        <h2 id="run-log" style={{ margin: 0 }}>
          {t("runs.log")}{" "}
          {total > lines.length ? <span className="muted" style={{ fontSize: "0.85rem" }}>{t("runs.logShowing", { n: lines.length, total })}</span> : null}
        </h2>
        <div className="row" style={{ alignItems: "flex-end" }}>
          <div className="field">
            <label htmlFor="log-level">{t("runs.logLevel")}</label>
            <select id="log-level" value={level} onChange={(e) => { follow.current = true; setLevel(e.target.value as LogFilter); }}>
              {LOG_FILTERS.map((f) => (
                <option key={f} value={f}>{t(`runs.logLevel.${f}`)}</option>
              ))}
            </select>
          </div>
          <a className="btn" href={logDownloadUrl(runId)} download data-testid="log-download">
            {t("runs.logDownload")}
          </a>
        </div>
      </div>
      {logs.isError ? <p className="error">{errorText(logs.error)}</p> : null}
      {lines.length === 0 ? (
        <p className="muted">{level === "all" ? t("runs.noLog") : t("runs.noLogLevel")}</p>
      ) : (
        <pre
          className={styles.log}
          ref={box}
          data-testid="run-log"
          tabIndex={0}
          aria-label={t("runs.log")}
          onScroll={(e) => {
            const el = e.currentTarget;
            follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
          }}
        >
          {lines.map((l) => (
            <div key={l.id} className={`${STREAM_CLASS[l.stream] ?? ""} ${LEVEL_CLASS[lineLevel(l.line)] ?? ""}`} data-seq={l.seq}>
              <span className={styles.logTime}>{time(l.at)} </span>
              {l.stream === "stdout" || l.stream === "stderr" ? "" : `[${l.stream}] `}
              {l.line}
            </div>
          ))}
        </pre>
      )}
      {total >= LOG_TAIL ? <p className="muted" style={{ margin: 0, fontSize: "0.85rem" }}>{t("runs.logTailNote", { n: LOG_TAIL })}</p> : null}
    </section>
  );
}
