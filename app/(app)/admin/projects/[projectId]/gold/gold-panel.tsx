"use client";
// Gold items of a project: how often the queue serves one (unannounced), the gold items with how
// the annotators did on each, and an editor for an item's expected order. Per-annotator accuracy
// on gold items is on the dashboard's quality section.
import Link from "next/link";
import { useState } from "react";
import { ConfirmButton } from "@/app/_components/confirm-button";
import { useT } from "@/app/_components/i18n-provider";
import { QueryView } from "@/app/_components/query-view";
import { useGold, useGoldChanges, useGoldItem } from "@/app/_hooks/use-gold";
import { errorText } from "@/app/_lib/i18n/error-text";
import { CandidateText } from "../../../../annotate/_components/candidate-text";
import { pct } from "../format";

export function GoldPanel({ projectId }: { projectId: string }) {
  const t = useT();
  const gold = useGold(projectId);
  const changes = useGoldChanges(projectId);
  const [editing, setEditing] = useState<string | null>(null);
  const failed = changes.setItem.error ?? changes.unsetItem.error;

  return (
    <div className="stack">
      <Link href={`/admin/projects/${encodeURIComponent(projectId)}`}>← {t("data.nav.dashboard")}</Link>
      <QueryView query={gold} empty={null} isEmpty={() => false}>
        {(data) => (
          <>
            <h1>{t("admin.gold.title", { name: data.projectName })}</h1>
            <p className="muted">{t("admin.gold.intro")}</p>
            <RateForm projectId={projectId} rate={data.rate} />
            {failed ? (
              <p className="error" role="alert">
                {errorText(t, failed)}
              </p>
            ) : null}
            <section className="card stack" aria-labelledby="gold-items">
              <h2 id="gold-items">{t("admin.gold.items", { n: data.items.length })}</h2>
              {data.items.length === 0 ? (
                <p className="muted">{t("admin.gold.none")}</p>
              ) : (
                <div className="table-wrap">
                  <table className="table" data-testid="gold-items">
                    <thead>
                      <tr>
                        <th scope="col">{t("admin.gold.question")}</th>
                        <th scope="col">{t("admin.gold.expected")}</th>
                        <th scope="col">{t("admin.gold.rankings")}</th>
                        <th scope="col">{t("admin.gold.accuracy")}</th>
                        <th scope="col">{t("admin.users.actions")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.items.map((g) => (
                        <tr key={g.itemId} data-testid={`gold-row-${g.itemId}`}>
                          <td>{g.excerpt}</td>
                          <td>
                            <strong>{g.expected}</strong>
                          </td>
                          <td>{g.rankings}</td>
                          <td>{g.accuracy === null ? "—" : pct(g.accuracy)}</td>
                          <td>
                            <div className="row">
                              <button type="button" className="btn" onClick={() => setEditing(g.itemId)}>
                                {t("admin.gold.edit")}
                              </button>
                              {g.rankings === 0 ? (
                                <ConfirmButton
                                  label={t("admin.gold.remove")}
                                  question={t("admin.gold.removeConfirm")}
                                  confirmLabel={t("admin.gold.removeYes")}
                                  disabled={changes.unsetItem.isPending}
                                  onConfirm={() => changes.unsetItem.mutate(g.itemId)}
                                />
                              ) : null}
                            </div>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
            {editing ? <GoldEditor projectId={projectId} itemId={editing} onDone={() => setEditing(null)} /> : null}
            <section className="card stack" aria-labelledby="gold-available">
              <h2 id="gold-available">{t("admin.gold.available", { n: data.availableTotal })}</h2>
              <p className="muted">{t("admin.gold.availableHint")}</p>
              {data.available.length === 0 ? (
                <p className="muted">{t("admin.gold.noneAvailable")}</p>
              ) : (
                <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                  {data.available.map((i) => (
                    <li key={i.itemId} className="row" style={{ justifyContent: "space-between" }}>
                      <span>{i.excerpt}</span>
                      <button type="button" className="btn" onClick={() => setEditing(i.itemId)} data-testid={`make-gold-${i.itemId}`}>
                        {t("admin.gold.make")}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </QueryView>
    </div>
  );
}

function RateForm({ projectId, rate }: { projectId: string; rate: number }) {
  const t = useT();
  const { setRate } = useGoldChanges(projectId);
  const [value, setValue] = useState(String(Math.round(rate * 1000) / 10));
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n < 0 || n > 50) return setProblem(t("admin.gold.rateInvalid"));
    setProblem(null);
    setSaved(false);
    setRate.mutateAsync(n / 100).then(
      () => setSaved(true),
      (err) => setProblem(errorText(t, err)),
    );
  };
  return (
    <form className="card row" onSubmit={submit} noValidate style={{ alignItems: "flex-end" }}>
      <div className="field" style={{ flex: "0 1 16rem" }}>
        <label htmlFor="gold-rate">{t("admin.gold.rate")}</label>
        <input id="gold-rate" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} aria-describedby="gold-rate-hint" />
      </div>
      <button type="submit" className="btn btn-primary" disabled={setRate.isPending}>
        {t("admin.gold.saveRate")}
      </button>
      <p id="gold-rate-hint" className="muted" style={{ flex: "1 1 100%", margin: 0 }}>
        {t("admin.gold.rateHint")}
      </p>
      {problem ? (
        <p className="error" role="alert" style={{ flex: "1 1 100%" }}>
          {problem}
        </p>
      ) : saved ? (
        <p className="success" role="status" style={{ flex: "1 1 100%" }}>
          {t("admin.gold.rateSaved", { rate: value })}
        </p>
      ) : null}
    </form>
  );
}

function GoldEditor({ projectId, itemId, onDone }: { projectId: string; itemId: string; onDone: () => void }) {
  const t = useT();
  const item = useGoldItem(projectId, itemId);
  const { setItem } = useGoldChanges(projectId);
  const [ranks, setRanks] = useState<Record<number, string>>({});
  const [problem, setProblem] = useState<string | null>(null);

  return (
    <section className="card stack" aria-labelledby="gold-editor" data-testid="gold-editor">
      <h2 id="gold-editor">{t("admin.gold.editorTitle")}</h2>
      <QueryView query={item} empty={null} isEmpty={() => false}>
        {(d) => {
          const current = (position: number) => ranks[position] ?? (d.goldRanks.length ? String(d.goldRanks[position]) : "");
          const save = () => {
            const values = d.candidates.map((c) => Number(current(c.position)));
            if (values.some((v) => !Number.isInteger(v) || v < 1 || v > d.k)) return setProblem(t("admin.gold.rankMissing", { k: d.k }));
            if (!d.allowTies && new Set(values).size !== values.length) return setProblem(t("admin.gold.rankRepeated"));
            setProblem(null);
            const byPosition = new Array<number>(d.k);
            d.candidates.forEach((c, i) => (byPosition[c.position] = values[i]));
            setItem.mutateAsync({ itemId, ranks: byPosition }).then(onDone, (err) => setProblem(errorText(t, err)));
          };
          return (
            <div className="stack">
              <p>
                <strong>{t("admin.gold.question")}：</strong>
                {d.patientMessage}
              </p>
              <p className="muted">{t("admin.gold.editorHint", { k: d.k })}</p>
              {d.candidates.map((c) => (
                <div key={c.position} className="row" style={{ alignItems: "flex-start", flexWrap: "nowrap" }}>
                  <div className="field" style={{ flex: "0 0 7rem" }}>
                    <label htmlFor={`gold-rank-${c.position}`}>{t("admin.gold.rankOf", { label: c.label })}</label>
                    <select
                      id={`gold-rank-${c.position}`}
                      value={current(c.position)}
                      onChange={(e) => setRanks((r) => ({ ...r, [c.position]: e.target.value }))}
                    >
                      <option value="">—</option>
                      {Array.from({ length: d.k }, (_, i) => (
                        <option key={i} value={String(i + 1)}>
                          {i + 1}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div style={{ flex: "1 1 auto", minWidth: 0 }}>
                    <strong>{t("annotate.board.candidate", { label: c.label })}</strong>
                    <CandidateText text={c.text} />
                  </div>
                </div>
              ))}
              {problem ? (
                <p className="error" role="alert">
                  {problem}
                </p>
              ) : null}
              <div className="row">
                <button type="button" className="btn btn-primary" onClick={save} disabled={setItem.isPending} data-testid="save-gold">
                  {t("admin.gold.save")}
                </button>
                <button type="button" className="btn" onClick={onDone}>
                  {t("common.cancel")}
                </button>
              </div>
            </div>
          );
        }}
      </QueryView>
    </section>
  );
}
