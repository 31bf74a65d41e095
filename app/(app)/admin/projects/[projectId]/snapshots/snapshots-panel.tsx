"use client";
import { useLocale, useT } from "@/app/_components/i18n-provider";
import { errorText, QueryView } from "@/app/_components/query-view";
import { useProject } from "@/app/_hooks/use-projects";
import { useCreateSnapshot, useSnapshots } from "@/app/_hooks/use-snapshots";
import { DataNav } from "../_data/data-nav";
import styles from "./snapshots.module.css";

export function SnapshotsPanel({ projectId }: { projectId: string }) {
  const t = useT();
  const locale = useLocale();
  const project = useProject(projectId);
  const snapshots = useSnapshots(projectId);
  const create = useCreateSnapshot(projectId);
  const fmtDate = (iso: string) => new Date(iso).toLocaleString(locale === "zh" ? "zh-CN" : "en-GB");

  return (
    <div className="stack">
      <DataNav projectId={projectId} current="snapshots" />
      <h1>{t("data.snapshots.title", { name: project.data?.name ?? "…" })}</h1>
      <p className="muted">{t("data.snapshots.intro")}</p>
      <div className="row">
        <button type="button" className="btn btn-primary" disabled={create.isPending} onClick={() => create.mutate()}>
          {create.isPending ? t("data.snapshots.creating") : t("data.snapshots.create")}
        </button>
        {create.data ? (
          <span className="success" role="status">
            {t("data.snapshots.created", { version: create.data.version })}
          </span>
        ) : null}
        {create.error ? (
          <span className="error" role="alert">
            {errorText(create.error)}
          </span>
        ) : null}
      </div>

      <QueryView query={snapshots} empty={t("data.snapshots.empty")}>
        {(data) => (
          <>
            <div className="table-wrap">
              <table className={`table ${styles.list}`} data-testid="snapshot-list">
                <thead>
                  <tr>
                    <th>{t("data.snapshots.col.version")}</th>
                    <th>{t("data.snapshots.col.items")}</th>
                    <th>{t("data.snapshots.col.adjudicated")}</th>
                    <th>{t("data.snapshots.col.replacements")}</th>
                    <th>{t("data.snapshots.col.pairs")}</th>
                    <th>{t("data.snapshots.col.raw")}</th>
                    <th>{t("data.snapshots.col.hash")}</th>
                    <th>{t("data.snapshots.col.by")}</th>
                    <th>{t("data.snapshots.col.at")}</th>
                    <th>{t("data.snapshots.col.files")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((s) => (
                    <tr key={s.id}>
                      <td>v{s.version}</td>
                      <td>{s.counts.items}</td>
                      <td>{s.counts.adjudicated}</td>
                      <td>{s.counts.replacements}</td>
                      <td>{s.counts.pairs}</td>
                      <td>{s.counts.rawRankings}</td>
                      <td>
                        <code title={s.contentHash}>{s.contentHash.slice(0, 12)}…</code>
                      </td>
                      <td>{s.createdBy?.name ?? "—"}</td>
                      <td className={styles.nowrap}>{fmtDate(s.createdAt)}</td>
                      <td>
                        <div className="row" style={{ gap: "0.4rem" }}>
                          {s.files.map((f) => (
                            <a key={f.name} className="btn" href={f.url} download>
                              {t(`data.snapshots.file.${f.name}`)}
                            </a>
                          ))}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="muted">{t("data.snapshots.hashHint")}</p>
          </>
        )}
      </QueryView>
    </div>
  );
}
