"use client";
// One evaluation set: what it holds (pinned by its hash), its systems with their answers as they
// arrive, the forms that add a system, and the prompts.
import Link from "next/link";
import { useLocale, useT } from "@/app/_components/i18n-provider";
import { errorText } from "@/app/_components/query-view";
import { useEvalSet } from "@/app/_hooks/use-eval-sets";
import type { EvalSetView } from "@/app/_lib/evaluation/sets/eval-set-view";
import { AddSystemForms } from "./add-system-forms";

const STATUS_BADGE = { PENDING: "badge-warn", READY: "badge-ok", FAILED: "badge-danger" } as const;

export function EvalSetDetail({ evalSetId }: { evalSetId: string }) {
  const t = useT();
  const set = useEvalSet(evalSetId);
  if (set.isPending) return <p className="muted">{t("common.loading")}</p>;
  if (set.isError) return <p className="error" role="alert">{errorText(set.error)}</p>;
  const s = set.data;
  return (
    <div className="stack">
      <Link href="/admin/evaluations" className="muted">
        ← {t("evalSets.detail.back")}
      </Link>
      <h1 style={{ margin: 0 }}>{s.name}</h1>
      {s.description ? <p className="muted" style={{ margin: 0 }}>{s.description}</p> : null}
      <p style={{ margin: 0 }}>
        <Link href={`/admin/evaluations/${s.id}/results`} className="btn">{t("evalSets.detail.results")}</Link>
      </p>
      <Facts set={s} />
      <Systems set={s} />
      <AddSystemForms evalSetId={s.id} />
      <Prompts set={s} />
    </div>
  );
}

function Facts({ set: s }: { set: EvalSetView }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="card" aria-labelledby="eval-facts">
      <h2 id="eval-facts" style={{ marginTop: 0 }}>{t("evalSets.detail.facts")}</h2>
      <dl style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "0.25rem 1rem", margin: 0 }}>
        <dt>{t("evalSets.col.source")}</dt>
        <dd style={{ margin: 0 }}>{t(`evalSets.source.${s.source}`)}</dd>
        <dt>{t("evalSets.col.turns")}</dt>
        <dd style={{ margin: 0 }}>{t(s.multiTurn ? "evalSets.multi" : "evalSets.single")}</dd>
        <dt>{t("evalSets.detail.project")}</dt>
        <dd style={{ margin: 0 }}>{s.project ? <Link href={`/admin/projects/${s.project.id}`}>{s.project.name}</Link> : "—"}</dd>
        <dt>{t("evalSets.col.prompts")}</dt>
        <dd style={{ margin: 0 }}>{s.promptCount}</dd>
        <dt>{t("evalSets.detail.judges")}</dt>
        <dd style={{ margin: 0 }}>{s.judgesPerComparison}</dd>
        <dt>{t("evalSets.detail.comparisons")}</dt>
        <dd style={{ margin: 0 }} data-testid="eval-comparisons">{s.comparisons}</dd>
        <dt>{t("evalSets.detail.hash")}</dt>
        <dd style={{ margin: 0, fontFamily: "monospace", overflowWrap: "anywhere" }}>{s.contentHash}</dd>
        <dt>{t("evalSets.col.created")}</dt>
        <dd style={{ margin: 0 }}>{new Date(s.createdAt).toLocaleString(locale === "zh" ? "zh-CN" : "en-GB")}</dd>
      </dl>
    </section>
  );
}

function decodingText(d: Record<string, unknown>): string {
  const keys = ["temperature", "top_p", "seed", "max_new_tokens"].filter((k) => d[k] !== undefined && d[k] !== null);
  return keys.length ? keys.map((k) => `${k}=${String(d[k])}`).join(" · ") : "—";
}

function Systems({ set: s }: { set: EvalSetView }) {
  const t = useT();
  return (
    <section className="stack" aria-labelledby="eval-systems">
      <h2 id="eval-systems" style={{ margin: 0 }}>{t("evalSets.detail.systems")}</h2>
      {s.systems.length === 0 ? (
        <p className="muted">{t("evalSets.detail.noSystems")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-labelledby="eval-systems">
            <thead>
              <tr>
                <th>{t("evalSets.sys.col.name")}</th>
                <th>{t("evalSets.sys.col.kind")}</th>
                <th>{t("evalSets.sys.col.status")}</th>
                <th>{t("evalSets.sys.col.answers")}</th>
                <th>{t("evalSets.sys.col.model")}</th>
                <th>{t("evalSets.sys.col.run")}</th>
                <th>{t("evalSets.sys.col.decoding")}</th>
              </tr>
            </thead>
            <tbody>
              {s.systems.map((sys) => (
                <tr key={sys.id} data-testid={`eval-system-${sys.name}`}>
                  <td>{sys.name}</td>
                  <td>{t(`evalSets.sys.kind.${sys.kind}`)}</td>
                  <td>
                    <span className={`badge ${STATUS_BADGE[sys.status]}`}>{t(`evalSets.sys.status.${sys.status}`)}</span>
                  </td>
                  <td>{t("evalSets.sys.answered", { n: sys.answers, total: s.promptCount })}</td>
                  <td style={{ fontFamily: "monospace", overflowWrap: "anywhere" }}>{sys.modelPath ?? "—"}</td>
                  <td>
                    {sys.generateRun ? (
                      <Link href={`/admin/runs/${sys.generateRun.id}`}>{t(`runs.status.${sys.generateRun.status}`)}</Link>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td style={{ fontFamily: "monospace" }}>{decodingText(sys.decoding)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Prompts({ set: s }: { set: EvalSetView }) {
  const t = useT();
  return (
    <section className="stack" aria-labelledby="eval-prompts">
      <h2 id="eval-prompts" style={{ margin: 0 }}>{t("evalSets.detail.prompts")}</h2>
      <p style={{ margin: 0 }}>
        <a className="btn" href={`/api/evaluations/${encodeURIComponent(s.id)}/prompts`} download data-testid="download-prompts">
          {t("evalSets.detail.downloadPrompts")}
        </a>{" "}
        <span className="muted">{t("evalSets.detail.downloadPromptsHelp")}</span>
      </p>
      {s.promptCount > s.prompts.length ? <p className="muted" style={{ margin: 0 }}>{t("evalSets.detail.promptsShown", { shown: s.prompts.length, total: s.promptCount })}</p> : null}
      <ol className="stack" style={{ paddingLeft: "1.5rem", margin: 0 }}>
        {s.prompts.map((p) => (
          <li key={p.id}>
            <details>
              <summary>
                {p.messages[p.messages.length - 1]?.content.slice(0, 80)}
                {p.department ? <span className="muted"> · {p.department}</span> : null}
              </summary>
              <div className="stack" style={{ gap: "0.25rem", marginTop: "0.5rem" }}>
                {p.messages.map((m, i) => (
                  <p key={i} style={{ margin: 0 }}>
                    <strong>{t(m.role === "user" ? "annotate.dialogue.patient" : "annotate.dialogue.doctor")}: </strong>
                    {m.content}
                  </p>
                ))}
                <span className="muted" style={{ fontSize: "0.8rem", fontFamily: "monospace" }}>{p.externalId}</span>
              </div>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
