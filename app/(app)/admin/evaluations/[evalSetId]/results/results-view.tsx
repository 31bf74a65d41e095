"use client";
// The results page's body: pick or request a pair, the stacked bars and the same numbers as a
// table, breakdowns, the reward model's verdict, exports. Choices live in the URL (?pairId,
// ?rewardModelId) so a view can be linked and reloaded.
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import type { PairRow } from "@/app/_lib/evaluation/results/pair-results";
import { type Breakdown, DIMENSIONS, type PairResults } from "@/app/_lib/evaluation/stats/summarize";
import { errorText } from "@/app/_lib/i18n/error-text";
import { apiFetch } from "@/app/_lib/query/api-fetch";
import { WinTieLossChart } from "./win-tie-loss-chart";
import styles from "./results.module.css";

type Data = {
  set: { id: string; contentHash: string; judgesPerComparison: number };
  pair: PairRow;
  rewardModel: { id: string; name: string; scoredAnswers: number; answers: number } | null;
  results: PairResults;
};
type Props = {
  set: { id: string; name: string };
  systems: { id: string; name: string; status: string }[];
  pairs: PairRow[];
  rewardModels: { id: string; name: string }[];
  rewardModelId: string | null;
  data: Data | null;
};

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${(100 * x).toFixed(1)}%`);
const pValue = (p: number | null) => (p === null ? "—" : p < 0.0001 ? "< 0.0001" : p.toFixed(4));

export function ResultsView(props: Props) {
  const t = useT();
  const router = useRouter();
  const pathname = usePathname();
  const go = (pairId: string | undefined, rewardModelId: string | null) => {
    const q = new URLSearchParams();
    if (pairId) q.set("pairId", pairId);
    if (rewardModelId) q.set("rewardModelId", rewardModelId);
    router.push(`${pathname}?${q}`);
  };
  const { data } = props;
  return (
    <div className="stack">
      <Link href={`/admin/evaluations/${props.set.id}`} className="muted">
        ← {t("evalResults.back")}
      </Link>
      <h1 style={{ margin: 0 }}>{t("evalResults.title", { name: props.set.name })}</h1>
      <PairPicker {...props} onPick={(pairId) => go(pairId, props.rewardModelId)} onCreated={(pairId) => go(pairId, props.rewardModelId)} />
      {data && <PairResultsView {...props} data={data} onModel={(id) => go(data.pair.id, id)} />}
    </div>
  );
}

function PairPicker(props: Props & { onPick: (pairId: string) => void; onCreated: (pairId: string) => void }) {
  const t = useT();
  const router = useRouter();
  const [a, setA] = useState(props.systems[0]?.id ?? "");
  const [b, setB] = useState(props.systems[1]?.id ?? "");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const compare = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const res = await apiFetch<{ pairId?: string; comparisons: number }>(`/api/evaluations/${encodeURIComponent(props.set.id)}/pairs`, { method: "POST", json: { systemAId: a, systemBId: b } });
      setMessage({ ok: true, text: t("evalResults.compare.done", { n: res.comparisons }) });
      if (res.pairId) props.onCreated(res.pairId);
      router.refresh();
    } catch (err) {
      setMessage({ ok: false, text: errorText(t, err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card stack" aria-labelledby="pairs-title">
      <h2 id="pairs-title" style={{ margin: 0 }}>
        {t("evalResults.pairs.title")}
      </h2>
      {props.pairs.length === 0 ? (
        <p className="muted">{t("evalResults.pairs.none")}</p>
      ) : (
        <div className="field">
          <label htmlFor="pair-pick">{t("evalResults.pairs.pick")}</label>
          <select id="pair-pick" value={props.data?.pair.id ?? ""} onChange={(e) => props.onPick(e.target.value)} data-testid="pair-pick">
            {props.pairs.map((p) => (
              <option key={p.id} value={p.id}>
                {t("evalResults.pairs.row", { a: p.systemA.name, b: p.systemB.name, comparisons: p.comparisons, judgments: p.judgments })}
              </option>
            ))}
          </select>
        </div>
      )}
      {props.systems.length < 2 ? (
        <p className="muted">{t("evalResults.compare.needTwo")}</p>
      ) : (
        <fieldset className={styles.controls} style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 600, padding: 0, marginBottom: "0.4rem" }}>{t("evalResults.compare.title")}</legend>
          {(
            [
              ["compare-a", "evalResults.compare.a", a, setA],
              ["compare-b", "evalResults.compare.b", b, setB],
            ] as const
          ).map(([id, label, value, set]) => (
            <div key={id} className="field">
              <label htmlFor={id}>{t(label)}</label>
              <select id={id} value={value} onChange={(e) => set(e.target.value)}>
                {props.systems.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <button type="button" className="btn" onClick={() => void compare()} disabled={busy || !a || !b} data-testid="compare-submit">
            {t("evalResults.compare.submit")}
          </button>
        </fieldset>
      )}
      {message && (
        <p className={message.ok ? "success" : "error"} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      )}
    </section>
  );
}

function PairResultsView({ data, rewardModels, onModel }: Props & { data: Data; onModel: (id: string | null) => void }) {
  const t = useT();
  const { results, pair } = data;
  const a = pair.systemA.name;
  const b = pair.systemB.name;
  const exportUrl = (format: "csv" | "json") => {
    const q = new URLSearchParams({ pairId: pair.id, format });
    if (data.rewardModel) q.set("rewardModelId", data.rewardModel.id);
    return `/api/evaluations/${encodeURIComponent(data.set.id)}/results/export?${q}`;
  };
  return (
    <>
      <section className="card stack" aria-labelledby="wtl-section" data-testid="pair-results">
        <h2 id="wtl-section" style={{ margin: 0 }}>
          {a} / {b}
        </h2>
        <p className="muted" style={{ margin: 0 }} data-testid="results-summary">
          {t("evalResults.summary.judged", { judged: results.judged, comparisons: results.comparisons, judgments: results.judgments, n: data.set.judgesPerComparison })}
        </p>
        {results.judged === 0 ? <p className="muted">{t("evalResults.empty")}</p> : <WinTieLossChart results={results} a={a} b={b} />}
        <div className="table-wrap">
          <table className="table" data-testid="results-table">
            <caption className="visually-hidden">{t("evalResults.table.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("evalResults.table.dimension")}</th>
                <th scope="col">{t("evalResults.table.n")}</th>
                <th scope="col">{t("evalResults.win")}</th>
                <th scope="col">{t("evalResults.tie")}</th>
                <th scope="col">{t("evalResults.loss")}</th>
                <th scope="col">{t("evalResults.table.winShare")}</th>
                <th scope="col">{t("evalResults.table.interval")}</th>
                <th scope="col">{t("evalResults.table.signP")}</th>
                <th scope="col">{t("evalResults.table.kappa")}</th>
              </tr>
            </thead>
            <tbody>
              {DIMENSIONS.map((d) => {
                const r = results.dimensions[d];
                return (
                  <tr key={d} data-testid={`results-row-${d}`}>
                    <th scope="row">{t(`judge.dimension.${d}`)}</th>
                    <td className={styles.num}>{r.n}</td>
                    <td className={styles.num}>
                      {r.win} ({pct(r.shares?.win)})
                    </td>
                    <td className={styles.num}>
                      {r.tie} ({pct(r.shares?.tie)})
                    </td>
                    <td className={styles.num}>
                      {r.loss} ({pct(r.shares?.loss)})
                    </td>
                    <td className={styles.num}>{pct(r.shares?.win)}</td>
                    <td className={styles.num}>{r.intervals ? `${pct(r.intervals.win.low)} – ${pct(r.intervals.win.high)}` : "—"}</td>
                    <td className={styles.num}>{pValue(r.signP)}</td>
                    <td className={styles.num}>{r.kappa && r.kappa.value !== null ? `${r.kappa.value.toFixed(3)} (${t(`evalResults.kappa.${r.kappa.method}`)}, n=${r.kappa.subjects})` : "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <div className={styles.two}>
        <BreakdownTable id="by-department" title={t("evalResults.breakdown.department")} rows={results.byDepartment} label={(k) => k || t("evalResults.breakdown.noDepartment")} />
        <BreakdownTable id="by-turns" title={t("evalResults.breakdown.turns")} rows={results.byTurns} label={(k) => t(`evalResults.breakdown.${k}`)} />
      </div>

      <RmSection data={data} rewardModels={rewardModels} onModel={onModel} />

      <section className="card stack" aria-labelledby="export-title">
        <h2 id="export-title" style={{ margin: 0 }}>
          {t("evalResults.export.title")}
        </h2>
        <p className="muted" style={{ margin: 0 }}>
          {t("evalResults.export.help")}
        </p>
        <div className="row">
          <a className="btn" href={exportUrl("csv")} download data-testid="export-csv">
            {t("evalResults.export.csv")}
          </a>
          <a className="btn" href={exportUrl("json")} download data-testid="export-json">
            {t("evalResults.export.json")}
          </a>
        </div>
      </section>
    </>
  );
}

function BreakdownTable({ id, title, rows, label }: { id: string; title: string; rows: Breakdown[]; label: (key: string) => string }) {
  const t = useT();
  return (
    <section className="card stack" aria-labelledby={id}>
      <h2 id={id} style={{ margin: 0 }}>
        {title}
      </h2>
      <div className="table-wrap">
        <table className="table" data-testid={`breakdown-${id}`}>
          <thead>
            <tr>
              <th scope="col">{t("evalResults.breakdown.key")}</th>
              {DIMENSIONS.map((d) => (
                <th key={d} scope="col">
                  {t(`judge.dimension.${d}`)} {t("evalResults.win")}/{t("evalResults.tie")}/{t("evalResults.loss")}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{label(r.key)}</th>
                {DIMENSIONS.map((d) => (
                  <td key={d} className={styles.num}>
                    {r.dimensions[d].win} / {r.dimensions[d].tie} / {r.dimensions[d].loss}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function RmSection({ data, rewardModels, onModel }: { data: Data; rewardModels: { id: string; name: string }[]; onModel: (id: string | null) => void }) {
  const t = useT();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rm = data.results.rm;
  const score = async () => {
    if (!data.rewardModel) return;
    setBusy(true);
    setError(null);
    try {
      await apiFetch(`/api/evaluations/${encodeURIComponent(data.set.id)}/rm-scores`, { method: "POST", json: { pairId: data.pair.id, rewardModelId: data.rewardModel.id } });
      router.refresh();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card stack" aria-labelledby="rm-title" data-testid="rm-verdict">
      <h2 id="rm-title" style={{ margin: 0 }}>
        {t("evalResults.rm.title")}
      </h2>
      {rewardModels.length === 0 ? (
        <p className="muted">{t("evalResults.rm.noModels")}</p>
      ) : (
        <div className={styles.controls}>
          <div className="field">
            <label htmlFor="rm-pick">{t("evalResults.rm.pick")}</label>
            <select id="rm-pick" value={data.rewardModel?.id ?? ""} onChange={(e) => onModel(e.target.value || null)} data-testid="rm-pick">
              <option value="">{t("evalResults.rm.none")}</option>
              {rewardModels.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          {data.rewardModel && data.rewardModel.scoredAnswers < data.rewardModel.answers && (
            <button type="button" className="btn" onClick={() => void score()} disabled={busy} data-testid="rm-score">
              {busy ? t("evalResults.rm.scoring") : t("evalResults.rm.score")}
            </button>
          )}
        </div>
      )}
      {data.rewardModel && (
        <p className="muted" style={{ margin: 0 }} data-testid="rm-coverage">
          {t("evalResults.rm.coverage", { scored: data.rewardModel.scoredAnswers, answers: data.rewardModel.answers })}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {rm && (
        <>
          <p style={{ margin: 0 }} data-testid="rm-win-rate">
            {t("evalResults.rm.winRate", { a: data.pair.systemA.name, win: rm.win, tie: rm.tie, loss: rm.loss, rate: pct(rm.winRate) })}
          </p>
          <div className="table-wrap">
            <table className="table" data-testid="rm-agreement">
              <caption className="visually-hidden">{t("evalResults.rm.agreement")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("evalResults.table.dimension")}</th>
                  <th scope="col">{t("evalResults.rm.agreement")}</th>
                </tr>
              </thead>
              <tbody>
                {DIMENSIONS.map((d) => (
                  <tr key={d}>
                    <th scope="row">{t(`judge.dimension.${d}`)}</th>
                    <td className={styles.num}>{t("evalResults.rm.agreeCell", { agree: rm.agreement[d].agree, of: rm.agreement[d].of, rate: pct(rm.agreement[d].rate) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted" style={{ margin: 0, fontSize: "0.85rem" }}>
            {t("evalResults.rm.agreeHelp")}
          </p>
        </>
      )}
    </section>
  );
}
