"use client";
import Link from "next/link";
import { useLocale, useT } from "@/app/_components/i18n-provider";
import { QueryView } from "@/app/_components/query-view";
import { useEvalSets } from "@/app/_hooks/use-eval-sets";

export function EvalSetsList() {
  const t = useT();
  const locale = useLocale();
  const sets = useEvalSets();
  const fmt = (iso: string) => new Date(iso).toLocaleString(locale === "zh" ? "zh-CN" : "en-GB");
  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h1 style={{ margin: 0 }}>{t("evalSets.title")}</h1>
        <Link className="btn btn-primary" href="/admin/evaluations/new">
          {t("evalSets.new")}
        </Link>
      </div>
      <p className="muted">{t("evalSets.intro")}</p>
      <QueryView query={sets} empty={t("evalSets.empty")}>
        {(data) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t("evalSets.col.name")}</th>
                  <th>{t("evalSets.col.source")}</th>
                  <th>{t("evalSets.col.turns")}</th>
                  <th>{t("evalSets.col.prompts")}</th>
                  <th>{t("evalSets.col.systems")}</th>
                  <th>{t("evalSets.col.comparisons")}</th>
                  <th>{t("evalSets.col.created")}</th>
                </tr>
              </thead>
              <tbody>
                {data.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link href={`/admin/evaluations/${s.id}`}>{s.name}</Link>
                      {s.projectName ? <div className="muted" style={{ fontSize: "0.8rem" }}>{s.projectName}</div> : null}
                    </td>
                    <td>{t(`evalSets.source.${s.source}`)}</td>
                    <td>{t(s.multiTurn ? "evalSets.multi" : "evalSets.single")}</td>
                    <td>{s.prompts}</td>
                    <td>{s.systems}</td>
                    <td>{s.comparisons}</td>
                    <td>{fmt(s.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </div>
  );
}
