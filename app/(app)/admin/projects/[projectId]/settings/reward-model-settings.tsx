"use client";
// The reward-model settings of a project: which model it uses, how its queue is ordered, the
// random share of an uncertainty-first queue, and the adjudication aid. Saved with the same
// PATCH and schema as the other settings.
import { useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { errorText } from "@/app/_components/query-view";
import type { ProjectDetailRow } from "@/app/_hooks/use-projects";
import { useUpdateProject } from "@/app/_hooks/use-projects";
import { updateProjectSchema } from "@/app/_lib/projects/update-project.schema";
import { apiFieldErrors, type FieldErrors, zodFieldErrors } from "../../../_forms/field-errors";

type Order = "OLDEST_FIRST" | "UNCERTAINTY_FIRST";
const ORDERS: Order[] = ["OLDEST_FIRST", "UNCERTAINTY_FIRST"];

export function RewardModelSettings({ project }: { project: ProjectDetailRow }) {
  const t = useT();
  const update = useUpdateProject(project.id);
  const [v, setV] = useState({
    rewardModelId: project.rewardModelId ?? "",
    queueOrder: project.queueOrder as Order,
    randomShare: String(Math.round(project.randomShare * 100)),
    showRmAfterAdjudication: project.showRmAfterAdjudication,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const set = (patch: Partial<typeof v>) => setV((old) => ({ ...old, ...patch }));
  const id = (field: string) => `rm-${field}`;
  const fieldError = (field: string) => (errors[field] ? <span className="error">{errors[field]}</span> : null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setMessage(null);
    const share = v.randomShare.trim() === "" ? Number.NaN : Number(v.randomShare) / 100;
    const parsed = updateProjectSchema.safeParse({
      rewardModelId: v.rewardModelId || null,
      queueOrder: v.queueOrder,
      randomShare: share,
      showRmAfterAdjudication: v.showRmAfterAdjudication,
    });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    try {
      await update.mutateAsync(parsed.data);
      setMessage({ ok: true, text: t("admin.projects.saved") });
    } catch (err) {
      const fields = apiFieldErrors(err);
      setErrors(fields);
      setMessage({ ok: false, text: Object.keys(fields).length ? t("admin.form.fix") : errorText(err) });
    }
  }

  const noModel = !v.rewardModelId;
  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby="rm-settings-title">
      <h2 id="rm-settings-title">{t("rmQuality.settings.title")}</h2>
      <p className="muted">{t("rmQuality.settings.intro")}</p>
      <div className="grid">
        <div className="field">
          <label htmlFor={id("model")}>{t("rmQuality.settings.model")}</label>
          <select id={id("model")} value={v.rewardModelId} onChange={(e) => set({ rewardModelId: e.target.value })} aria-invalid={!!errors.rewardModelId}>
            <option value="">{t("rmQuality.settings.noModel")}</option>
            {project.rewardModels.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
          <span className="hint">{project.rewardModels.length ? t("rmQuality.settings.modelHint") : t("rmQuality.settings.noModels")}</span>
          {fieldError("rewardModelId")}
        </div>
        <div className="field">
          <label htmlFor={id("order")}>{t("rmQuality.settings.queueOrder")}</label>
          <select id={id("order")} value={v.queueOrder} onChange={(e) => set({ queueOrder: e.target.value as Order })}>
            {ORDERS.map((o) => (
              <option key={o} value={o}>
                {t(`rmQuality.settings.order.${o}`)}
              </option>
            ))}
          </select>
          <span className="hint">{t(noModel && v.queueOrder === "UNCERTAINTY_FIRST" ? "rmQuality.settings.orderNeedsModel" : "rmQuality.settings.orderHint")}</span>
          {fieldError("queueOrder")}
        </div>
        <div className="field">
          <label htmlFor={id("share")}>{t("rmQuality.settings.randomShare")}</label>
          <input
            id={id("share")}
            type="number"
            min={0}
            max={100}
            step={5}
            value={v.randomShare}
            onChange={(e) => set({ randomShare: e.target.value })}
            aria-invalid={!!errors.randomShare}
          />
          <span className="hint">{t("rmQuality.settings.randomShareHint")}</span>
          {fieldError("randomShare")}
        </div>
        <div className="field">
          <label htmlFor={id("aid")} className="row" style={{ gap: "0.4rem", flexWrap: "nowrap", alignItems: "flex-start" }}>
            <input id={id("aid")} type="checkbox" checked={v.showRmAfterAdjudication} onChange={(e) => set({ showRmAfterAdjudication: e.target.checked })} />
            {t("rmQuality.settings.aid")}
          </label>
          <span className="hint">{t("rmQuality.settings.aidHint")}</span>
        </div>
      </div>
      {message ? (
        <p className={message.ok ? "success" : "error"} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={update.isPending}>
          {update.isPending ? t("admin.form.saving") : t("rmQuality.settings.save")}
        </button>
      </div>
    </form>
  );
}
