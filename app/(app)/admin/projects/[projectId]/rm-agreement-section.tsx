"use client";
// Reward model vs experts: the chosen (or picked) model's agreement with the final rankings it did
// not train on, with 95% intervals, per rubric flag and per queue pick, beside the human ceiling.
import { useState } from "react";
import { useLocale, useT } from "@/app/_components/i18n-provider";
import { errorText } from "@/app/_components/query-view";
import { type RmDashboardData, useRmDashboard } from "@/app/_hooks/use-rm-dashboard";
import type { MeanFigure, Proportion, RmSummary } from "@/app/_lib/metrics/rm-agreement";
import { RUBRIC } from "@/app/_lib/ranking/rubric";
import { fixed, pct } from "./format";
import styles from "./dashboard.module.css";

const interval = (ci: { low: number; high: number } | null, f: (x: number) => string) => (ci ? `${f(ci.low)} – ${f(ci.high)}` : "—");
const share = (p: Proportion) => pct(p.rate);
const shareCi = (p: Proportion) => interval(p.ci, (x) => pct(x));
const tau = (m: MeanFigure) => fixed(m.mean);
const tauCi = (m: MeanFigure) => interval(m.ci, (x) => fixed(x));

export function RmAgreementSection({ projectId }: { projectId: string }) {
  const t = useT();
  const [picked, setPicked] = useState<string | null>(null);
  const query = useRmDashboard(projectId, picked);
  return (
    <section className={`card stack ${styles.wide}`} aria-labelledby="dash-rm" data-testid="rm-agreement">
      <h2 id="dash-rm">{t("rmQuality.dash.title")}</h2>
      {query.isPending ? (
        <p className="muted">{t("common.loading")}</p>
      ) : query.isError ? (
        <p className="error" role="alert">
          {errorText(query.error)}
        </p>
      ) : (
        <Panel data={query.data} picked={picked} setPicked={setPicked} />
      )}
    </section>
  );
}

function Panel({ data, picked, setPicked }: { data: RmDashboardData; picked: string | null; setPicked: (id: string | null) => void }) {
  const t = useT();
  const locale = useLocale();
  const name = (id: string) => data.people.find((p) => p.id === id)?.name ?? "?";
  // a flag names the rubric ability a candidate failed, under its dimension (safety, professionalism, …)
  const flagLabel = (flag: string) => {
    for (const d of RUBRIC) for (const a of d.abilities) if (a.flag === flag) return `${d.dimension[locale]} · ${a.flagLabel[locale]}`;
    return flag;
  };
  return (
    <>
      {data.models.length ? (
        <div className="field" style={{ maxWidth: "28rem" }}>
          <label htmlFor="rm-pick">{t("rmQuality.dash.model")}</label>
          <select id="rm-pick" value={picked ?? data.model?.id ?? ""} onChange={(e) => setPicked(e.target.value || null)}>
            {data.model ? null : <option value="">{t("rmQuality.settings.noModel")}</option>}
            {data.models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.chosen ? t("rmQuality.dash.chosen", { name: m.name }) : m.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {!data.model || !data.report ? (
        <p className="muted">{t(data.models.length ? "rmQuality.dash.noChosen" : "rmQuality.dash.noModels")}</p>
      ) : (
        <>
          <p className="muted" data-testid="rm-measured">
            {t("rmQuality.dash.measured", { items: data.report.overall.items, finals: data.finalItems })}{" "}
            {data.model.pinned
              ? t("rmQuality.dash.snapshot", { version: data.model.snapshotVersion ?? "?" })
              : t("rmQuality.dash.noSnapshot")}
          </p>
          <div className={styles.stats}>
            <Stat label={t("rmQuality.dash.pairwise")} value={share(data.report.overall.pairwise)} ci={shareCi(data.report.overall.pairwise)} n={t("rmQuality.dash.nPairs", { n: data.report.overall.pairwise.n })} testId="rm-pairwise" />
            <Stat label={t("rmQuality.dash.top1")} value={share(data.report.overall.top1)} ci={shareCi(data.report.overall.top1)} n={t("rmQuality.dash.nItems", { n: data.report.overall.top1.n })} testId="rm-top1" />
            <Stat label={t("rmQuality.dash.tau")} value={tau(data.report.overall.tau)} ci={tauCi(data.report.overall.tau)} n={t("rmQuality.dash.nItems", { n: data.report.overall.tau.n })} testId="rm-tau" />
            <Stat
              label={t("rmQuality.dash.humans")}
              value={share(data.ceiling.interAnnotator)}
              ci={shareCi(data.ceiling.interAnnotator)}
              n={t("rmQuality.dash.reference", { value: pct(data.reference) })}
              testId="rm-human-ceiling"
            />
          </div>
          <SummaryTable
            caption={t("rmQuality.dash.byPick")}
            rows={data.report.byPick.map((r) => ({ key: r.pickedBy, label: t(`rmQuality.pick.${r.pickedBy}`), s: r }))}
            empty={t("rmQuality.dash.none")}
            testId="rm-by-pick"
          />
          <SummaryTable
            caption={t("rmQuality.dash.byFlag")}
            rows={data.report.byFlag.map((r) => ({ key: r.flag, label: flagLabel(r.flag), s: r }))}
            empty={t("rmQuality.dash.noFlags")}
            testId="rm-by-flag"
          />
        </>
      )}
      <div className="grid">
        <table className="table" data-testid="rm-ceiling">
          <caption>{t("rmQuality.dash.ceiling")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("rmQuality.dash.annotator")}</th>
              <th scope="col">{t("rmQuality.dash.vsFinal")}</th>
              <th scope="col">{t("rmQuality.dash.ci")}</th>
              <th scope="col">{t("rmQuality.dash.pairs")}</th>
            </tr>
          </thead>
          <tbody>
            {data.ceiling.annotators.length === 0 ? (
              <tr>
                <td colSpan={4} className="muted">
                  {t("rmQuality.dash.none")}
                </td>
              </tr>
            ) : (
              data.ceiling.annotators.map((a) => (
                <tr key={a.annotatorId}>
                  <th scope="row">{name(a.annotatorId)}</th>
                  <td>{share(a)}</td>
                  <td>{shareCi(a)}</td>
                  <td>{a.n}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
        {data.report ? (
          <table className="table" data-testid="rm-sided">
            <caption>{t("rmQuality.dash.sided")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("rmQuality.dash.annotator")}</th>
                <th scope="col">{t("rmQuality.dash.sidedShare")}</th>
                <th scope="col">{t("rmQuality.dash.ci")}</th>
                <th scope="col">{t("rmQuality.dash.disagreements")}</th>
              </tr>
            </thead>
            <tbody>
              {data.report.sidedWith.length === 0 ? (
                <tr>
                  <td colSpan={4} className="muted">
                    {t("rmQuality.dash.none")}
                  </td>
                </tr>
              ) : (
                data.report.sidedWith.map((s) => (
                  <tr key={s.annotatorId}>
                    <th scope="row">{name(s.annotatorId)}</th>
                    <td>{share(s)}</td>
                    <td>{shareCi(s)}</td>
                    <td>{s.n}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        ) : null}
      </div>
    </>
  );
}

function Stat({ label, value, ci, n, testId }: { label: string; value: string; ci: string; n: string; testId: string }) {
  const t = useT();
  return (
    <div className={styles.stat}>
      <span className="muted">{label}</span>
      <strong data-testid={testId}>{value}</strong>
      <span className="hint">
        {t("rmQuality.dash.ci95", { ci })} · {n}
      </span>
    </div>
  );
}

function SummaryTable({ caption, rows, empty, testId }: { caption: string; rows: { key: string; label: string; s: RmSummary }[]; empty: string; testId: string }) {
  const t = useT();
  return (
    <table className="table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{caption}</th>
          <th scope="col">{t("rmQuality.dash.items")}</th>
          <th scope="col">{t("rmQuality.dash.pairwise")}</th>
          <th scope="col">{t("rmQuality.dash.top1")}</th>
          <th scope="col">{t("rmQuality.dash.tau")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={5} className="muted">
              {empty}
            </td>
          </tr>
        ) : (
          rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>{r.s.items}</td>
              <td>
                {share(r.s.pairwise)} <span className="muted">({shareCi(r.s.pairwise)})</span>
              </td>
              <td>
                {share(r.s.top1)} <span className="muted">({shareCi(r.s.top1)})</span>
              </td>
              <td>
                {tau(r.s.tau)} <span className="muted">({tauCi(r.s.tau)})</span>
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
