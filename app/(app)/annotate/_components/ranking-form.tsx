"use client";
// One assignment: the dialogue, the ranking board, "all unacceptable" with a
// written replacement, a comment, submit and skip. Time spent is measured from
// when this form first showed the item. On an error (e.g. the lease expired and
// the slot was taken) the form keeps everything the annotator entered.
import { useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { useSkipAssignment, useSubmitRanking } from "@/app/_hooks/use-assignment";
import type { AssignmentView } from "@/app/_lib/assignment/assignment-view";
import { submitRankingSchema, type SubmitRankingInput } from "@/app/_lib/assignment/submit-ranking.schema";
import type { FlagCode } from "@/app/_lib/ranking/rubric";
import { initialTiers, type Tiers, toRanks } from "./board-state";
import { DialogueView } from "./dialogue-view";
import { RankingBoard } from "./ranking-board";
import { SkipPanel } from "./skip-panel";
import styles from "./annotate.module.css";

type Props = {
  assignment: AssignmentView;
  projectId: string;
  busy: boolean;
  onDone: (kind: "submitted" | "skipped") => void;
};

export function RankingForm({ assignment, projectId, busy, onDone }: Props) {
  const t = useT();
  const [shownAt] = useState(() => Date.now());
  const [tiers, setTiers] = useState<Tiers>(() => initialTiers(assignment.candidates.map((c) => c.position)));
  const [flags, setFlags] = useState<Record<number, FlagCode[]>>({});
  const [allUnacceptable, setAllUnacceptable] = useState(false);
  const [replacement, setReplacement] = useState("");
  const [comment, setComment] = useState("");
  const [skipping, setSkipping] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const submit = useSubmitRanking(projectId);
  const skip = useSkipAssignment(projectId);

  const leaseExpired = assignment.status === "EXPIRED" || new Date(assignment.leaseExpiresAt).getTime() <= Date.now();
  const pending = submit.isPending || skip.isPending || busy;

  const onSubmit = () => {
    if (pending) return;
    setFormError(null);
    if (allUnacceptable && replacement.trim() === "") {
      setFormError(t("annotate.replacement.required"));
      return;
    }
    const body: SubmitRankingInput = {
      ranks: toRanks(tiers),
      flags: Object.fromEntries(Object.entries(flags).filter(([, codes]) => codes.length > 0)),
      replacement: allUnacceptable ? replacement : null,
      comment: comment.trim() === "" ? null : comment,
      durationMs: Math.min(Date.now() - shownAt, 24 * 60 * 60 * 1000),
    };
    const parsed = submitRankingSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setFormError(`${issue.path.join(".")}: ${issue.message}`);
      return;
    }
    // mutateAsync, not mutate's onSuccess: the next item loads as part of the mutation and this
    // form unmounts with it, and react-query drops mutate() callbacks of an unmounted form.
    // A failure is shown from the mutation's state (submit.error).
    submit.mutateAsync({ assignmentId: assignment.id, body }).then(() => onDone("submitted"), () => {});
  };

  return (
    <form
      className={styles.form}
      aria-label={t("annotate.form.label")}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      onKeyDown={(e) => {
        // Ctrl/⌘+Enter submits from anywhere, including the text boxes
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          onSubmit();
        }
      }}
    >
      <div className={styles.section}>
        <DialogueView history={assignment.item.history} patientMessage={assignment.item.patientMessage} department={assignment.item.department} />
      </div>

      {leaseExpired && (
        <p className="error" role="alert">
          {t("annotate.leaseExpired")}
        </p>
      )}

      <div className={styles.section}>
        <h2>{t("annotate.board.title")}</h2>
        <RankingBoard
          candidates={assignment.candidates}
          tiers={tiers}
          onChange={setTiers}
          allowTies={assignment.project.allowTies}
          flags={flags}
          onFlagsChange={(position, codes) => setFlags((f) => ({ ...f, [position]: codes }))}
          onSubmit={onSubmit}
          disabled={pending}
        />
      </div>

      <div className={`${styles.section} stack`}>
        <label className={styles.checkbox}>
          <input type="checkbox" checked={allUnacceptable} onChange={(e) => setAllUnacceptable(e.target.checked)} data-testid="all-unacceptable" />
          {t("annotate.replacement.toggle")}
        </label>
        {allUnacceptable && (
          <div className="field">
            <label htmlFor="replacement">{t("annotate.replacement.label")}</label>
            <textarea
              id="replacement"
              value={replacement}
              onChange={(e) => setReplacement(e.target.value)}
              placeholder={t("annotate.replacement.placeholder")}
              rows={5}
              maxLength={8000}
            />
            <span className="hint">{t("annotate.replacement.hint")}</span>
          </div>
        )}
        <div className="field">
          <label htmlFor="comment">{t("annotate.comment.label")}</label>
          <textarea id="comment" value={comment} onChange={(e) => setComment(e.target.value)} rows={2} maxLength={4000} />
        </div>
      </div>

      {(formError || submit.error) && (
        <p className="error" role="alert" data-testid="form-error">
          {formError ?? submit.error?.message}
        </p>
      )}

      {skipping ? (
        <SkipPanel
          pending={skip.isPending}
          error={skip.error?.message ?? null}
          onCancel={() => setSkipping(false)}
          onSkip={(reason) => skip.mutateAsync({ assignmentId: assignment.id, body: { reason } }).then(() => onDone("skipped"), () => {})}
        />
      ) : (
        <div className={styles.actions}>
          <span className="muted">{t("annotate.submitHint")}</span>
          <button type="button" className="btn" onClick={() => setSkipping(true)} disabled={pending}>
            {t("annotate.skip.open")}
          </button>
          <button type="submit" className="btn btn-primary" disabled={pending} data-testid="submit-ranking">
            {submit.isPending ? t("annotate.submitting") : t("annotate.submit")}
          </button>
        </div>
      )}
    </form>
  );
}
