"use client";
// Settle one disputed item: read the dialogue and the rankings side by side, then
// adopt one ranking with one click or build a new order with the same ranking
// widget as the annotators, with a note. The decision is saved at once and the
// page goes straight on to the next disputed item, with a toast that can undo it
// for a few seconds (undo-toast.tsx). A lost race (another adjudicator was
// faster) shows the server's message and the decision that stands.
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { GuidelinesPanel } from "@/app/_components/guidelines-panel";
import { useAdjudicationItem, useSubmitAdjudication } from "@/app/_hooks/use-adjudication";
import type { AdjudicationItemView } from "@/app/_lib/adjudication/adjudication-view";
import { orderText } from "@/app/_lib/adjudication/stable-labels";
import { submitAdjudicationSchema, type SubmitAdjudicationInput } from "@/app/_lib/adjudication/submit-adjudication.schema";
import { errorText } from "@/app/_lib/i18n/error-text";
import { initialTiers, type Tiers, tiersFromRanking, toRanks } from "../../annotate/_components/board-state";
import { DialogueView } from "../../annotate/_components/dialogue-view";
import { RankingBoard } from "../../annotate/_components/ranking-board";
import { RankingsCompare } from "./rankings-compare";
import { useOfferUndo } from "./undo-toast";
import styles from "./adjudicate.module.css";

export function AdjudicationWorkspace({ projectId, itemId }: { projectId: string; itemId: string }) {
  const t = useT();
  const item = useAdjudicationItem(projectId, itemId);
  return (
    <div className={styles.workspace}>
      <div className={styles.main}>
        <div className="row">
          <Link href={`/adjudicate/${projectId}`}>← {t("adjudicate.queue.title")}</Link>
        </div>
        {item.isPending ? (
          <p className="muted">{t("common.loading")}</p>
        ) : item.isError ? (
          <p className="error" role="alert">
            {errorText(t, item.error)}
          </p>
        ) : (
          <ItemView view={item.data} projectId={projectId} />
        )}
      </div>
      <aside className={styles.aside}>
        <GuidelinesPanel projectId={projectId} />
      </aside>
    </div>
  );
}

function ItemView({ view, projectId }: { view: AdjudicationItemView; projectId: string }) {
  const t = useT();
  // owned here, not by the form: after a lost race the item reloads as FINAL and the
  // form gives way to the decision, but the server's message must stay on screen
  const submit = useSubmitAdjudication(projectId, view.item.id);
  const undone = useSearchParams().get("undone") === "1" && view.item.status === "ADJUDICATION";
  return (
    <div className="stack">
      <h1 className={styles.heading}>
        {view.project.name}{" "}
        {/* a decided item says so: the reason it was disputed no longer describes it */}
        {view.item.status === "FINAL" ? (
          <span className="badge badge-ok" data-testid="item-badge">
            {t("adjudicate.reason.none")}
          </span>
        ) : (
          <span className="badge badge-warn" data-testid="item-badge">
            {t(`adjudicate.reason.${view.reason ?? "order"}`)}
          </span>
        )}
      </h1>
      {undone && (
        <p className="success" role="status">
          {t("adjudicate.notice.undone")}
        </p>
      )}
      <div className={styles.section}>
        <DialogueView history={view.item.history} patientMessage={view.item.patientMessage} department={view.item.department} />
      </div>
      <div className={styles.section}>
        <h2>{t("adjudicate.compare.title")}</h2>
        <RankingsCompare view={view} />
      </div>
      {submit.error && (
        <p className="error" role="alert" data-testid="adjudication-error">
          {errorText(t, submit.error)}
        </p>
      )}
      {view.decision ? <DecisionView view={view} /> : <DecisionForm view={view} projectId={projectId} submit={submit} />}
    </div>
  );
}

function DecisionView({ view }: { view: AdjudicationItemView }) {
  const t = useT();
  const decision = view.decision!;
  const order = orderText(decision.ranks, new Map(view.candidates.map((c) => [c.position, c.label])));
  return (
    <div className={`${styles.section} stack`} data-testid="decision">
      <h2>{t(decision.byMe ? "adjudicate.decision.mine" : "adjudicate.decision.other")}</h2>
      <p className={styles.order} data-testid="decision-order">
        {order}
      </p>
      {decision.adoptedLabel && <p>{t("adjudicate.decision.adopted", { label: decision.adoptedLabel })}</p>}
      {decision.replacement && (
        <div>
          <span className="badge badge-warn">{t("adjudicate.replacement")}</span>
          <div className={styles.replacement}>{decision.replacement}</div>
        </div>
      )}
      {decision.note && <p className="muted">{decision.note}</p>}
      {view.rmOrder ? (
        <div className="stack" data-testid="rm-order">
          <h3>{t("rmQuality.aid.title", { name: view.rmOrder.rewardModelName })}</h3>
          {view.rmOrder.ranks ? (
            <p className={styles.order}>{orderText(view.rmOrder.ranks, new Map(view.candidates.map((c) => [c.position, c.label])))}</p>
          ) : (
            <p className="muted">{t("rmQuality.aid.pending")}</p>
          )}
          <p className="hint">{t("rmQuality.aid.hint")}</p>
          <div className="row">
            <Link className="btn" href={`/adjudicate/${view.project.id}`}>
              {t("rmQuality.aid.next")}
            </Link>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function DecisionForm({ view, projectId, submit }: { view: AdjudicationItemView; projectId: string; submit: ReturnType<typeof useSubmitAdjudication> }) {
  const t = useT();
  const router = useRouter();
  const offerUndo = useOfferUndo();
  const labels = new Map(view.candidates.map((c) => [c.position, c.label]));
  const [note, setNote] = useState("");
  const [tiers, setTiers] = useState<Tiers>(() =>
    view.rankings[0] ? reorder(tiersFromRanking(view.rankings[0].ranks)) : initialTiers(view.candidates.map((c) => c.position)),
  );
  const [withReplacement, setWithReplacement] = useState(false);
  const [replacement, setReplacement] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  const send = (body: SubmitAdjudicationInput) => {
    setProblem(null);
    const parsed = submitAdjudicationSchema.safeParse(body);
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message ?? "invalid");
    // mutateAsync: this form unmounts when the saved decision refetches, and react-query drops
    // mutate() callbacks of an unmounted component. A failure is shown from submit.error.
    submit.mutateAsync(body).then(
      (saved) => {
        offerUndo({ itemId: saved.itemId, adjudicationId: saved.adjudicationId, summary: orderText(saved.ranks, labels) });
        // with the adjudication aid on, stay: the decided item now shows the reward model's order
        if (view.rmAid) return;
        router.push(saved.nextItemId ? `/adjudicate/${projectId}/${saved.nextItemId}` : `/adjudicate/${projectId}?done=1`);
      },
      () => {},
    );
  };

  const sendCustom = () => {
    if (withReplacement && replacement.trim() === "") return setProblem(t("annotate.replacement.required"));
    send({ mode: "custom", ranks: toRanks(tiers), replacement: withReplacement ? replacement : null, note });
  };

  return (
    <div className={`${styles.section} stack`}>
      <h2>{t("adjudicate.decide.title")}</h2>
      <div className="field">
        <label htmlFor="adjudication-note">{t("adjudicate.note")}</label>
        <textarea id="adjudication-note" value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={4000} />
      </div>
      <div className="row">
        {view.rankings.map((r) => (
          <button
            key={r.id}
            type="button"
            className="btn btn-primary"
            disabled={submit.isPending}
            onClick={() => send({ mode: "adopt", rankingId: r.id, note })}
            data-testid={`adopt-${r.label}`}
          >
            {t("adjudicate.adopt", { label: r.label, order: orderText(r.ranks, labels) })}
          </button>
        ))}
      </div>
      <details className={styles.custom}>
        <summary>{t("adjudicate.custom.title")}</summary>
        <div className="stack">
          <RankingBoard candidates={view.candidates} tiers={tiers} onChange={setTiers} allowTies={view.project.allowTies} onSubmit={sendCustom} disabled={submit.isPending} />
          <label className="row">
            <input type="checkbox" checked={withReplacement} onChange={(e) => setWithReplacement(e.target.checked)} />
            {t("annotate.replacement.toggle")}
          </label>
          {withReplacement && (
            <div className="field">
              <label htmlFor="adjudication-replacement">{t("annotate.replacement.label")}</label>
              <textarea id="adjudication-replacement" value={replacement} onChange={(e) => setReplacement(e.target.value)} rows={4} maxLength={8000} />
            </div>
          )}
          <button type="button" className="btn btn-primary" disabled={submit.isPending} onClick={sendCustom} data-testid="submit-custom">
            {t("adjudicate.custom.submit")}
          </button>
        </div>
      </details>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );

  // tiers of a stored ranking list positions ascending inside a tie; keep them in the adjudicator's display order
  function reorder(ts: Tiers): Tiers {
    const index = new Map(view.candidates.map((c, i) => [c.position, i]));
    return ts.map((tier) => [...tier].sort((a, b) => (index.get(a) ?? 0) - (index.get(b) ?? 0)));
  }
}
