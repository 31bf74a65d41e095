"use client";
// The annotation screen: the current item (resumed or newly leased) with the order strip and the
// answers, the rubric and guidelines beside them (a drawer on tablets and phones), and what
// happens after a submit or a skip: the next item loads, the page returns to its top, the focus
// goes to the patient's question, and a confirmation offers to reopen the item just submitted.
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { GuidelinesPanel, GuidelinesProvider, useGuidelinesPanel } from "@/app/_components/guidelines-panel";
import { useT } from "@/app/_components/i18n-provider";
import { WorkQueueBody } from "@/app/_components/work-queue-body";
import { ReauthProvider } from "@/app/_components/reauth-dialog";
import { useFocusOnNext } from "@/app/_hooks/use-focus-on-next";
import { queueKeys, useCurrentAssignment, useQueueStats } from "@/app/_hooks/use-queue";
import { type FormOutcome, RankingForm } from "./ranking-form";
import styles from "./annotate.module.css";

export function AnnotateWorkspace({ projectId, email }: { projectId: string; email: string }) {
  return (
    <ReauthProvider email={email}>
      <GuidelinesProvider>
        <Workspace projectId={projectId} />
      </GuidelinesProvider>
    </ReauthProvider>
  );
}

function Workspace({ projectId }: { projectId: string }) {
  const t = useT();
  const qc = useQueryClient();
  const panel = useGuidelinesPanel();
  const current = useCurrentAssignment(projectId);
  const stats = useQueueStats(projectId);
  const [outcome, setOutcome] = useState<FormOutcome | null>(null);
  const asideRef = useRef<HTMLElement>(null);

  const assignment = current.data?.assignment;

  const focusNext = useFocusOnNext(current.isFetching, assignment?.id, ["patient-question", "queue-empty-title"]);

  // the drawer (tablets, phones): focus its content when it opens, Escape closes it
  const drawerOpen = panel?.open ?? false;
  useEffect(() => {
    if (!drawerOpen || !asideRef.current || getComputedStyle(asideRef.current).position !== "fixed") return;
    if (!asideRef.current.contains(document.activeElement)) asideRef.current.querySelector<HTMLElement>("[role=tabpanel]")?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && panel?.setOpen(false);
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [drawerOpen, panel]);

  const onDone = (o: FormOutcome) => {
    setOutcome(o);
    focusNext();
    // an item finished elsewhere: ask for the current one again (the next, since this one is done)
    if (o.kind === "elsewhere") void qc.invalidateQueries({ queryKey: queueKeys.project(projectId) });
  };

  return (
    <div className={styles.workspace}>
      <div className={styles.main}>
        <div className={styles.topbar}>
          <h1 className={styles.heading}>{assignment?.project.name ?? t("annotate.title")}</h1>
          <div className={styles.topTools}>
            {stats.data && (
              <span className="muted" data-testid="queue-stats">
                {t("annotate.stats", { available: stats.data.available, submitted: stats.data.submitted, skipped: stats.data.skipped })}
              </span>
            )}
            <button type="button" className={`btn ${styles.opener}`} aria-expanded={drawerOpen} aria-controls="annotate-aside" onClick={() => panel?.setOpen(!drawerOpen)}>
              {t("annotate.panel.open")}
            </button>
          </div>
        </div>
        {outcome && (
          <div className={outcome.kind === "elsewhere" ? `error ${styles.notice}` : `success ${styles.notice}`} role="status" data-testid="notice">
            <span>{outcome.kind === "elsewhere" ? `${outcome.message} ${t("annotate.notice.nextLoaded")}` : t(outcome.kind === "submitted" ? "annotate.notice.submitted" : "annotate.notice.skipped")}</span>
            {outcome.kind === "submitted" && (
              <Link href={`/annotate/${projectId}/submitted/${outcome.assignmentId}`} data-testid="reopen-last">
                {t("annotate.notice.reopen")}
              </Link>
            )}
          </div>
        )}
        <WorkQueueBody
          query={current}
          empty={{ testId: "queue-empty", titleId: "queue-empty-title", title: t("annotate.empty.title"), body: t("annotate.empty.body"), backHref: "/annotate", back: t("annotate.empty.back") }}
        >
          {assignment && <RankingForm key={assignment.id} assignment={assignment} projectId={projectId} busy={current.isFetching} onDone={onDone} />}
        </WorkQueueBody>
      </div>
      <aside id="annotate-aside" ref={asideRef} className={styles.aside} data-open={drawerOpen} aria-label={t("annotate.panel.label")}>
        <button type="button" className={`btn ${styles.asideClose}`} onClick={() => panel?.setOpen(false)}>
          {t("annotate.panel.close")}
        </button>
        <GuidelinesPanel projectId={projectId} guidelines={assignment?.project.guidelines} />
      </aside>
    </div>
  );
}
