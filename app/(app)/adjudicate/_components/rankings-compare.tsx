"use client";
// The N rankings side by side: one row per candidate in stable-label order (the same A, B, … for
// every adjudicator), one column per annotator; a rank is highlighted only where the annotators
// give that candidate different ranks. Below, the pair matrix: each pair of candidates, what each
// annotator prefers, and whether they agree — disputed pairs first in the eye, agreed ones plain.
// Annotators' comments are shown with the letters they wrote mapped to the stable labels.
import { useLocale, useT } from "@/app/_components/i18n-provider";
import type { AdjudicationItemView } from "@/app/_lib/adjudication/adjudication-view";
import type { PairPreference } from "@/app/_lib/adjudication/pair-matrix";
import { flagLabel } from "@/app/_lib/ranking/rubric";
import { CandidateText } from "../../annotate/_components/candidate-text";
import styles from "./adjudicate.module.css";

export function RankingsCompare({ view }: { view: AdjudicationItemView }) {
  const t = useT();
  const locale = useLocale();
  const label = new Map(view.candidates.map((c) => [c.position, c.label]));
  const disputedPairs = view.pairs.filter((p) => !p.agree).length;

  const preference = (p: PairPreference, first: number, second: number) =>
    p === "tie" ? t("adjudicate.pair.tie") : p === "first" ? `${label.get(first)} > ${label.get(second)}` : `${label.get(second)} > ${label.get(first)}`;

  return (
    <div className="stack">
      <div className="table-wrap">
        <table className={`table ${styles.compare}`} data-testid="rankings-compare">
          <thead>
            <tr>
              <th scope="col">{t("adjudicate.compare.candidate")}</th>
              {view.rankings.map((r) => (
                <th key={r.id} scope="col" className={styles.rankCol}>
                  {t("adjudicate.annotator", { label: r.label })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.candidates.map((c) => {
              const differs = new Set(view.rankings.map((r) => r.ranks[c.position])).size > 1;
              return (
                <tr key={c.position} data-testid={`candidate-${c.label}`}>
                  <th scope="row" className={styles.candidateCell}>
                    <span className={styles.label}>{t("annotate.board.candidate", { label: c.label })}</span>
                    <CandidateText text={c.text} />
                  </th>
                  {view.rankings.map((r) => (
                    <td
                      key={r.id}
                      className={`${styles.rankCell} ${differs ? styles.rankDiffers : ""}`}
                      data-differs={differs || undefined}
                    >
                      <span className={styles.rankNumber}>{r.ranks[c.position]}</span>
                      {differs && <span className="visually-hidden">{t("adjudicate.compare.differs")}</span>}
                      {(r.flags[String(c.position)] ?? []).map((f) => (
                        <span key={f} className="badge badge-danger">
                          {flagLabel(f, locale)}
                        </span>
                      ))}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted">{t("adjudicate.compare.replacementNote")}</p>

      <div>
        <h3>{t("adjudicate.pairs.title")}</h3>
        <p className="muted">{t("adjudicate.pairs.summary", { disputed: disputedPairs, total: view.pairs.length })}</p>
        <div className="table-wrap">
          <table className={`table ${styles.pairs}`} data-testid="pair-matrix">
            <thead>
              <tr>
                <th scope="col">{t("adjudicate.pairs.pair")}</th>
                {view.rankings.map((r) => (
                  <th key={r.id} scope="col">
                    {t("adjudicate.annotator", { label: r.label })}
                  </th>
                ))}
                <th scope="col">{t("adjudicate.pairs.verdict")}</th>
              </tr>
            </thead>
            <tbody>
              {view.pairs.map((p) => (
                <tr key={`${p.first}-${p.second}`} className={p.agree ? undefined : styles.disputed} data-disputed={!p.agree || undefined}>
                  <th scope="row">
                    {label.get(p.first)} · {label.get(p.second)}
                  </th>
                  {p.preferences.map((pref, i) => (
                    <td key={view.rankings[i].id}>{preference(pref, p.first, p.second)}</td>
                  ))}
                  <td>
                    {p.agree ? (
                      <span className="muted">{t("adjudicate.pairs.agree")}</span>
                    ) : (
                      <strong className={styles.disagree}>{t("adjudicate.pairs.disagree")}</strong>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <div className={styles.notes}>
        {view.rankings.map((r) => (
          <div key={r.id} className="card stack">
            <strong>{t("adjudicate.annotator", { label: r.label })}</strong>
            {r.replacement !== null ? (
              <div>
                <span className="badge badge-warn">{t("adjudicate.replacement")}</span>
                <div className={styles.replacement}>{r.replacement}</div>
              </div>
            ) : (
              <span className="muted">{t("adjudicate.noReplacement")}</span>
            )}
            {r.commentParts && (
              <div data-testid={`comment-${r.label}`}>
                <span className="muted">{t("adjudicate.comment")}：</span>
                {r.commentParts.map((part, i) =>
                  "text" in part ? (
                    <span key={i}>{part.text}</span>
                  ) : (
                    <abbr key={i} className={styles.mapped} title={t("adjudicate.comment.mapped", { wrote: part.wrote, label: part.label })}>
                      {part.label}
                    </abbr>
                  ),
                )}
                {r.commentParts.some((part) => "wrote" in part) && (
                  <details className={styles.original}>
                    <summary>{t("adjudicate.comment.original")}</summary>
                    <span>{r.comment}</span>
                  </details>
                )}
              </div>
            )}
            <span className="muted">{t("adjudicate.duration", { s: Math.round(r.durationMs / 1000) })}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
