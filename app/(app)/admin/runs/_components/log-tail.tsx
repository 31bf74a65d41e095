"use client";
// The last lines of a run's log: trainer stdout/stderr, agent notes, app notes (lease lapsed …).
import { useEffect, useRef } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { useRunLogs } from "@/app/_hooks/use-runs";
import styles from "./runs.module.css";

const STREAM_CLASS: Record<string, string | undefined> = { stderr: styles.stderr, agent: styles.agent, app: styles.app };

export function LogTail({ runId, live }: { runId: string; live: boolean }) {
  const t = useT();
  const logs = useRunLogs(runId, live);
  const box = useRef<HTMLPreElement>(null);
  const lines = logs.data ?? [];
  useEffect(() => {
    // follow the tail unless the reader scrolled up
    const el = box.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 80) el.scrollTop = el.scrollHeight;
  }, [lines.length]);
  return (
    <section className="stack" aria-labelledby="run-log">
      <h2 id="run-log">{t("runs.log")}</h2>
      {lines.length === 0 ? (
        <p className="muted">{t("runs.noLog")}</p>
      ) : (
        <pre className={styles.log} ref={box} data-testid="run-log" tabIndex={0}>
          {lines.map((l) => (
            <div key={l.id} className={STREAM_CLASS[l.stream]}>
              {l.stream === "stdout" || l.stream === "stderr" ? "" : `[${l.stream}] `}
              {l.line}
            </div>
          ))}
        </pre>
      )}
    </section>
  );
}
