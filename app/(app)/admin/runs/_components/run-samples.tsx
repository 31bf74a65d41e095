"use client";
// The text a run produced: a PPO run's samples (prompt, the policy's answer, reward and KL per
// step — newest step first, so one watches the answers change), or the candidates a sampling run
// attached to its items (which items it filled, and what became of them).
import Link from "next/link";
import { useMemo, useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { errorText } from "@/app/_components/query-view";
import { useRunSamples } from "@/app/_hooks/use-runs";
import { fmt3 } from "./run-headline";
import styles from "./runs.module.css";

export function RunSamples({ runId, kind, live }: { runId: string; kind: string; live: boolean }) {
  const t = useT();
  const samples = useRunSamples(runId, live);
  const [step, setStep] = useState<string>("all");
  const rows = useMemo(() => samples.data?.rows ?? [], [samples.data]);
  const steps = useMemo(() => [...new Set(rows.map((r) => r.step).filter((s): s is number => s !== null))], [rows]);
  const shown = step === "all" ? rows : rows.filter((r) => String(r.step) === step);
  const sampling = kind === "SAMPLE";
  return (
    <section className="stack" aria-labelledby="run-samples">
      <div className="row" style={{ justifyContent: "space-between", alignItems: "flex-end" }}>
        <h2 id="run-samples" style={{ margin: 0 }}>
          {t(sampling ? "runs.samples.titleSample" : "runs.samples.title")}{" "}
          <span className="muted" style={{ fontSize: "0.85rem" }} data-testid="samples-count">{t("runs.samples.count", { n: samples.data?.total ?? 0 })}</span>
        </h2>
        {steps.length > 1 ? (
          <div className="field">
            <label htmlFor="samples-step">{t("runs.samples.step")}</label>
            <select id="samples-step" value={step} onChange={(e) => setStep(e.target.value)}>
              <option value="all">{t("runs.filter.all")}</option>
              {steps.map((s) => (
                <option key={s} value={s}>{s}</option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      {sampling && samples.data?.projectId ? (
        <p className="muted" style={{ margin: 0 }}>
          {t("runs.samples.itemsNote")} <Link href={`/admin/projects/${samples.data.projectId}`}>{t("runs.samples.project")}</Link>
        </p>
      ) : null}
      {samples.isError ? <p className="error">{errorText(samples.error)}</p> : null}
      {rows.length === 0 ? (
        <p className="muted">{live ? t("runs.samples.waiting") : t("runs.samples.none")}</p>
      ) : (
        <div className="table-wrap" style={{ maxHeight: 520, overflowY: "auto" }} tabIndex={0} aria-label={t(sampling ? "runs.samples.titleSample" : "runs.samples.title")}>
          <table className="table" data-testid="run-samples">
            <thead>
              <tr>
                {sampling ? <th>{t("runs.samples.item")}</th> : <th>{t("runs.samples.step")}</th>}
                <th>{t("runs.samples.prompt")}</th>
                <th>{t(sampling ? "runs.samples.candidate" : "runs.samples.response")}</th>
                {sampling ? <th>{t("runs.samples.itemStatus")}</th> : <th>{t("runs.samples.reward")}</th>}
                {sampling ? null : <th>KL</th>}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.id}>
                  <td className={styles.mono}>{sampling ? `${r.item?.dialogue ?? ""} #${(r.item?.turn ?? 0) + 1}` : r.step}</td>
                  <td className={styles.sampleText}>{r.prompt}</td>
                  <td className={styles.sampleText}>{r.response}</td>
                  {sampling ? <td>{r.item ? t(`runs.samples.status.${r.item.status}`) : "—"}</td> : <td>{fmt3(r.reward)}</td>}
                  {sampling ? null : <td>{fmt3(r.kl)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
