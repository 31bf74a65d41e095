"use client";
// The judging screen: the current comparison (resumed or newly leased), the judge's progress,
// and what happens after a submit or a skip: the next comparison loads, the page returns to its
// top, the focus goes to the patient's question, and a notice says what happened.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { ReauthProvider } from "@/app/_components/reauth-dialog";
import { WorkQueueBody } from "@/app/_components/work-queue-body";
import { useFocusOnNext } from "@/app/_hooks/use-focus-on-next";
import { judgingKeys, useCurrentJudgment, useJudgeSets } from "@/app/_hooks/use-judging";
import { type JudgeOutcome, JudgmentForm } from "./judgment-form";
import styles from "./judge.module.css";

export function JudgeWorkspace({ evalSetId, email }: { evalSetId: string; email: string }) {
  return (
    <ReauthProvider email={email}>
      <Workspace evalSetId={evalSetId} />
    </ReauthProvider>
  );
}

function Workspace({ evalSetId }: { evalSetId: string }) {
  const t = useT();
  const qc = useQueryClient();
  const current = useCurrentJudgment(evalSetId);
  const sets = useJudgeSets();
  const [outcome, setOutcome] = useState<JudgeOutcome | null>(null);
  const judgment = current.data?.judgment;
  const progress = sets.data?.find((s) => s.id === evalSetId);

  const focusNext = useFocusOnNext(current.isFetching, judgment?.id, ["patient-question", "judge-empty-title"]);

  const onDone = (o: JudgeOutcome) => {
    setOutcome(o);
    focusNext();
    if (o.kind === "elsewhere") void qc.invalidateQueries({ queryKey: judgingKeys.current(evalSetId) });
  };

  return (
    <div className={styles.workspace}>
      <div className={styles.topbar}>
        <h1 className={styles.heading}>{judgment?.setName ?? progress?.name ?? t("judge.title")}</h1>
        {progress && (
          <span className="muted" data-testid="judge-progress">
            {t("judge.progress", { judged: progress.judged, open: progress.open })}
          </span>
        )}
      </div>
      {outcome && (
        <div className={outcome.kind === "elsewhere" ? `error ${styles.notice}` : `success ${styles.notice}`} role="status" data-testid="judge-notice">
          {outcome.kind === "elsewhere" ? outcome.message : t(outcome.kind === "submitted" ? "judge.notice.submitted" : "judge.notice.skipped")}
        </div>
      )}
      <WorkQueueBody
        query={current}
        empty={{ testId: "judge-empty", titleId: "judge-empty-title", title: t("judge.empty.title"), body: t("judge.empty.body"), backHref: "/judge", back: t("judge.empty.back") }}
      >
        {judgment && <JudgmentForm key={judgment.id} judgment={judgment} evalSetId={evalSetId} busy={current.isFetching} onDone={onDone} />}
      </WorkQueueBody>
    </div>
  );
}
