"use client";
import Link from "next/link";
import { ConfirmButton } from "@/app/_components/confirm-button";
import { useLocale, useT } from "@/app/_components/i18n-provider";
import { errorText, QueryView } from "@/app/_components/query-view";
import { useDeleteRewardModel, useRewardModels } from "@/app/_hooks/use-reward-models";
import type { RewardModelRow } from "@/app/_lib/reward-models/view";
import { formatBytes, formatTime } from "../runs/_components/format";
import { RegisterForm } from "./register-form";

const STATUS_CLASS: Record<RewardModelRow["status"], string> = { READY: "badge badge-ok", UPLOADING: "badge badge-warn", FAILED: "badge badge-danger" };

export function RewardModelsAdmin() {
  const t = useT();
  const locale = useLocale();
  const models = useRewardModels();
  const remove = useDeleteRewardModel();
  const figure = (v: number | null) => (v === null ? null : v.toFixed(3).replace("-", "−"));

  return (
    <div className="stack">
      <h1>{t("rewardModels.title")}</h1>
      <p className="muted">{t("rewardModels.about")}</p>
      <RegisterForm />
      {remove.isError ? (
        <p className="error" role="alert">
          {errorText(remove.error)}
        </p>
      ) : null}
      <QueryView query={models} empty={t("rewardModels.empty")}>
        {(data) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th style={{ minWidth: "9rem" }}>{t("rewardModels.col.name")}</th>
                  <th>{t("rewardModels.col.run")}</th>
                  <th>{t("rewardModels.col.snapshot")}</th>
                  <th>{t("rewardModels.col.size")}</th>
                  <th>{t("rewardModels.col.status")}</th>
                  <th>{t("rewardModels.col.heldOut")}</th>
                  <th>{t("rewardModels.col.created")}</th>
                  <th>{t("rewardModels.col.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {data.map((m) => (
                  <tr key={m.id} data-testid={`reward-model-${m.id}`}>
                    <td>
                      <strong>{m.name}</strong>
                      {m.project ? <div className="muted" style={{ fontSize: "0.85rem" }}>{m.project.name}</div> : null}
                      {m.baseModel ? (
                        <div className="muted" style={{ fontSize: "0.8rem" }} title={m.baseModel}>
                          {t("rewardModels.baseModel", { name: m.baseModel.split("/").filter(Boolean).at(-1) ?? m.baseModel })}
                        </div>
                      ) : null}
                    </td>
                    <td>
                      {m.run ? <Link href={`/admin/runs/${m.run.id}`}>{m.run.name}</Link> : <span className="muted">{m.source === "register" ? t("rewardModels.registered") : t("rewardModels.noRun")}</span>}
                    </td>
                    <td>
                      {m.snapshot ? (
                        <span title={m.snapshot.hash ?? undefined}>
                          {m.snapshot.version !== null ? t("rewardModels.snapshotVersion", { version: m.snapshot.version }) : m.snapshot.id.slice(0, 10)}
                          {m.snapshot.hash ? <span className="muted"> · {m.snapshot.hash.slice(0, 8)}</span> : null}
                        </span>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td style={{ whiteSpace: "nowrap" }}>
                      {formatBytes(m.bytes)}
                      <div className="muted" style={{ fontSize: "0.85rem" }}>{m.formats.join(" · ")}</div>
                    </td>
                    <td>
                      <span className={STATUS_CLASS[m.status]}>{t(`rewardModels.status.${m.status}`)}</span>
                      {m.status === "UPLOADING" && m.bytes > 0 ? (
                        <div className="muted" style={{ fontSize: "0.8rem" }}>{t("rewardModels.uploaded", { pct: Math.floor((100 * m.receivedBytes) / m.bytes) })}</div>
                      ) : null}
                      {m.error ? (
                        <div className="muted" style={{ fontSize: "0.8rem" }}>
                          {m.error === "upload_stalled" ? t("rewardModels.uploadStalled") : m.error}
                        </div>
                      ) : null}
                    </td>
                    <td>
                      {m.pairwiseAccuracy === null && m.kendallTau === null ? (
                        <span className="muted">{t("rewardModels.noFigures")}</span>
                      ) : (
                        <>
                          {m.pairwiseAccuracy !== null ? <div style={{ whiteSpace: "nowrap" }}>{t("rewardModels.accuracy", { value: figure(m.pairwiseAccuracy)! })}</div> : null}
                          {m.kendallTau !== null ? <div style={{ whiteSpace: "nowrap" }}>{t("rewardModels.tau", { value: figure(m.kendallTau)! })}</div> : null}
                        </>
                      )}
                    </td>
                    <td style={{ whiteSpace: "nowrap" }}>{formatTime(m.createdAt, locale)}</td>
                    <td style={{ whiteSpace: "nowrap" }}>
                      <ConfirmButton
                        label={t("rewardModels.delete")}
                        question={t("rewardModels.deleteQuestion", { name: m.name })}
                        confirmLabel={t("rewardModels.deleteConfirm")}
                        onConfirm={() => remove.mutate(m.id)}
                        disabled={remove.isPending}
                        testId={`delete-reward-model-${m.id}`}
                      />
                    </td>
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
