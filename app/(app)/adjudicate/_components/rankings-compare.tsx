"use client";
// The N rankings side by side: one row per candidate (in the adjudicator's
// display order), one column per annotator. Rows in a disagreeing pair are
// highlighted, and each disagreeing pair is spelled out below the table.
import { useLocale, useT } from "@/app/_components/i18n-provider";
import type { AdjudicationItemView } from "@/app/_lib/adjudication/adjudication-view";
import { flagLabel } from "@/app/_lib/ranking/rubric";
import { candidateLetter } from "../../annotate/_components/ranking-board";
import { CandidateText } from "../../annotate/_components/candidate-text";
import styles from "./adjudicate.module.css";

export function RankingsCompare({ view }: { view: AdjudicationItemView }) {
  const t = useT();
  const locale = useLocale();
  const letter = new Map(view.candidates.map((c, i) => [c.position, candidateLetter(i)]));
  const disputed = new Set(view.discordantPairs.flat());

  const relation = (ranks: number[], p: number, q: number) =>
    ranks[p] === ranks[q] ? t("adjudicate.pair.tie") : ranks[p] < ranks[q] ? `${letter.get(p)} > ${letter.get(q)}` : `${letter.get(q)} > ${letter.get(p)}`;

  return (
    <div className="stack">
      <div className="table-wrap">
        <table className={`table ${styles.compare}`} data-testid="rankings-compare">
          <thead>
            <tr>
              <th>{t("adjudicate.compare.candidate")}</th>
              {view.rankings.map((r) => (
                <th key={r.id} className={styles.rankCol}>
                  {t("adjudicate.annotator", { label: r.label })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.candidates.map((c) => {
              const ranks = view.rankings.map((r) => r.ranks[c.position]);
              const differs = new Set(ranks).size > 1;
              return (
                <tr key={c.position} className={disputed.has(c.position) ? styles.disputed : undefined}>
                  <td>
                    <strong>{t("annotate.board.candidate", { label: letter.get(c.position) ?? "?" })}</strong>
                    <CandidateText text={c.text} />
                  </td>
                  {view.rankings.map((r) => (
                    <td key={r.id} className={`${styles.rankCell} ${differs ? styles.rankDiffers : ""}`}>
                      <span className={styles.rankNumber}>{r.ranks[c.position]}</span>
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

      {view.discordantPairs.length > 0 && (
        <div>
          <h3>{t("adjudicate.pairs.title")}</h3>
          <ul data-testid="discordant-pairs">
            {view.discordantPairs.map(([p, q]) => (
              <li key={`${p}-${q}`}>
                {letter.get(p)} / {letter.get(q)}:{" "}
                {view.rankings.map((r) => `${t("adjudicate.annotator", { label: r.label })} ${relation(r.ranks, p, q)}`).join("；")}
              </li>
            ))}
          </ul>
        </div>
      )}

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
            {r.comment && (
              <div>
                <span className="muted">{t("adjudicate.comment")}：</span>
                {r.comment}
              </div>
            )}
            <span className="muted">{t("adjudicate.duration", { s: Math.round(r.durationMs / 1000) })}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
