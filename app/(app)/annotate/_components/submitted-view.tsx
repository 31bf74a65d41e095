"use client";
// An item the annotator already submitted, read-only: the dialogue, the answers with the order
// and flags they gave, the replacement and comment. Submitted rankings are not re-edited: the
// item may already be settled, compared with the other annotator's ranking or adjudicated, and
// a changed ranking would silently change those decisions (the server refuses a different
// ranking for a submitted assignment, 409).
import Link from "next/link";
import { useLocale, useT } from "@/app/_components/i18n-provider";
import { useAssignment } from "@/app/_hooks/use-assignment";
import { errorText } from "@/app/_lib/i18n/error-text";
import type { FlagCode } from "@/app/_lib/ranking/rubric";
import { AnswerBoard } from "./answer-board";
import { DialogueView } from "./dialogue-view";
import { orderSummary } from "./order-strip";
import { fromRanks } from "./placement";
import { candidateLetter } from "./ranking-board";
import styles from "./annotate.module.css";

export function SubmittedView({ projectId, assignmentId }: { projectId: string; assignmentId: string }) {
  const t = useT();
  const locale = useLocale();
  const query = useAssignment(assignmentId);
  const back = (
    <Link href={`/annotate/${projectId}`} className="btn">
      {t("annotate.submitted.back")}
    </Link>
  );
  if (query.isPending) return <p className="muted">{t("common.loading")}</p>;
  if (query.isError)
    return (
      <div className="stack">
        <p className="error" role="alert">
          {errorText(t, query.error)}
        </p>
        <div>{back}</div>
      </div>
    );
  const a = query.data;
  const letterOf = new Map(a.candidates.map((c, i) => [c.position, candidateLetter(i)]));
  const ranking = a.ranking;
  const placement = ranking ? fromRanks(ranking.ranks) : null;
  return (
    <div className={`${styles.main} stack`} data-testid="submitted-view">
      <div className={styles.topbar}>
        <h1 className={styles.heading}>{t("annotate.submitted.title")}</h1>
        {back}
      </div>
      <p className="muted">{t("annotate.submitted.readOnly")}</p>
      <div className={styles.section}>
        <DialogueView history={a.item.history} patientMessage={a.item.patientMessage} department={a.item.department} />
      </div>
      {ranking && placement ? (
        <>
          <p className="success" data-testid="submitted-order">
            {t("annotate.submitted.order", {
              order: orderSummary(placement, letterOf),
              time: new Date(ranking.createdAt).toLocaleString(locale === "zh" ? "zh-CN" : "en-GB"),
            })}
          </p>
          <AnswerBoard answers={a.candidates} placement={placement} allowTies={a.project.allowTies} flags={ranking.flags as Record<number, FlagCode[]>} />
          {ranking.replacement && (
            <div className={styles.section}>
              <h2>{t("annotate.replacement.label")}</h2>
              <p style={{ whiteSpace: "pre-wrap" }}>{ranking.replacement}</p>
            </div>
          )}
          {ranking.comment && (
            <div className={styles.section}>
              <h2>{t("annotate.submitted.comment")}</h2>
              <p style={{ whiteSpace: "pre-wrap" }}>{ranking.comment}</p>
            </div>
          )}
        </>
      ) : (
        <p className="muted">{a.status === "SKIPPED" ? t("annotate.submitted.skipped", { reason: a.skipReason ?? "" }) : t("annotate.submitted.notYet")}</p>
      )}
    </div>
  );
}
