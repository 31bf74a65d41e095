"use client";
// The annotation screen: the current item (resumed or newly leased), the ranking
// form beside the rubric, and what happens after a submit or a skip (the next item
// loads) or when the queue is empty (said plainly).
import Link from "next/link";
import { useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { Rubric } from "@/app/_components/rubric";
import { useCurrentAssignment, useQueueStats } from "@/app/_hooks/use-queue";
import { RankingForm } from "./ranking-form";
import styles from "./annotate.module.css";

export function AnnotateWorkspace({ projectId }: { projectId: string }) {
  const t = useT();
  const current = useCurrentAssignment(projectId);
  const stats = useQueueStats(projectId);
  const [notice, setNotice] = useState<string | null>(null);

  const assignment = current.data?.assignment;
  return (
    <div className={styles.workspace}>
      <div className={styles.main}>
        <div className={styles.topbar}>
          <h1 className={styles.heading}>{assignment?.project.name ?? t("annotate.title")}</h1>
          {stats.data && (
            <span className="muted" data-testid="queue-stats">
              {t("annotate.stats", { available: stats.data.available, submitted: stats.data.submitted, skipped: stats.data.skipped })}
            </span>
          )}
        </div>
        {notice && (
          <p className="success" role="status" data-testid="notice">
            {notice}
          </p>
        )}
        {current.isPending ? (
          <p className="muted">{t("common.loading")}</p>
        ) : current.isError ? (
          <div className="error" role="alert">
            {current.error.message}{" "}
            <button type="button" className="btn" onClick={() => current.refetch()}>
              {t("common.retry")}
            </button>
          </div>
        ) : !assignment ? (
          <div className="card stack" data-testid="queue-empty">
            <h2>{t("annotate.empty.title")}</h2>
            <p>{t("annotate.empty.body")}</p>
            <Link href="/annotate" className="btn">
              {t("annotate.empty.back")}
            </Link>
          </div>
        ) : (
          <RankingForm
            key={assignment.id}
            assignment={assignment}
            projectId={projectId}
            busy={current.isFetching}
            onDone={(kind) => setNotice(t(kind === "submitted" ? "annotate.notice.submitted" : "annotate.notice.skipped"))}
          />
        )}
      </div>
      <aside className={styles.aside}>
        <Rubric />
      </aside>
    </div>
  );
}
