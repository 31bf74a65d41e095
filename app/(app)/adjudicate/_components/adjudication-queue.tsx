"use client";
// The disputed items of a project, oldest first, paged.
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { QueryView } from "@/app/_components/query-view";
import { ADJUDICATION_PAGE_SIZE, useAdjudicationQueue } from "@/app/_hooks/use-adjudication";

export function AdjudicationQueueView({ projectId }: { projectId: string }) {
  const t = useT();
  const done = useSearchParams().get("done") === "1";
  const [skip, setSkip] = useState(0);
  const queue = useAdjudicationQueue(projectId, skip);

  return (
    <div className="stack">
      <div className="row">
        <Link href="/adjudicate">← {t("adjudicate.projects.title")}</Link>
      </div>
      <h1>{t("adjudicate.queue.title")}</h1>
      {done && (
        <p className="success" role="status">
          {t("adjudicate.notice.saved")}
        </p>
      )}
      <QueryView
        query={queue}
        isEmpty={(data) => data.total === 0}
        empty={
          <p className="card muted" data-testid="adjudication-queue-empty">
            {t("adjudicate.queue.empty")}
          </p>
        }
      >
        {(data) => (
          <>
            <p className="muted">{t("adjudicate.queue.total", { n: data.total })}</p>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>{t("adjudicate.queue.message")}</th>
                    <th>{t("adjudicate.queue.department")}</th>
                    <th>{t("adjudicate.queue.turn")}</th>
                    <th>{t("adjudicate.queue.since")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((i) => (
                    <tr key={i.itemId}>
                      <td>
                        <Link href={`/adjudicate/${projectId}/${i.itemId}`}>{i.excerpt}</Link>
                      </td>
                      <td>{i.department ?? "—"}</td>
                      <td>{i.turnIndex + 1}</td>
                      <td>{new Date(i.createdAt).toLocaleDateString()}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="row">
              <button type="button" className="btn" disabled={skip === 0} onClick={() => setSkip(Math.max(0, skip - ADJUDICATION_PAGE_SIZE))}>
                {t("adjudicate.queue.prev")}
              </button>
              <button
                type="button"
                className="btn"
                disabled={skip + ADJUDICATION_PAGE_SIZE >= data.total}
                onClick={() => setSkip(skip + ADJUDICATION_PAGE_SIZE)}
              >
                {t("adjudicate.queue.next")}
              </button>
            </div>
          </>
        )}
      </QueryView>
    </div>
  );
}
