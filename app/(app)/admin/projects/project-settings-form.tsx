"use client";
// The settings form of a project, for "new project" and "project settings". Validates with the
// operation's own zod schema before sending; server answers (name taken, K locked) land on the field.
import { useState } from "react";
import type { z } from "zod";
import { useT } from "@/app/_components/i18n-provider";
import { errorText } from "@/app/_components/query-view";
import { K_MAX, K_MIN, LEASE_MAX_MINUTES, LEASE_MIN_MINUTES, projectDefaults } from "@/app/_lib/projects/project-settings";
import { apiFieldErrors, type FieldErrors, zodFieldErrors } from "../_forms/field-errors";

type Rule = "ANY_ORDER" | "TOP1" | "KENDALL";
const RULES: Rule[] = ["ANY_ORDER", "TOP1", "KENDALL"];

export type ProjectSettingsValues = {
  name: string;
  description: string;
  k: number;
  annotatorsPerItem: number;
  allowTies: boolean;
  disagreementRule: Rule;
  kendallThreshold: number | null;
  leaseMinutes: number;
  guidelines: string;
};

export const emptyProjectSettings: ProjectSettingsValues = { name: "", ...projectDefaults };

export function ProjectSettingsForm<S extends z.ZodType>(props: {
  idPrefix: string;
  initial: ProjectSettingsValues;
  schema: S;
  submitLabel: string;
  /** why K / annotators per item can no longer change (shown instead of letting the server refuse) */
  locked?: { k?: string; annotatorsPerItem?: string };
  onSubmit: (data: z.output<S>) => Promise<void>;
}) {
  const t = useT();
  const [v, setV] = useState(() => ({
    // only the settings: the strict schemas refuse anything else (ids, counts, dates)
    name: props.initial.name,
    description: props.initial.description,
    allowTies: props.initial.allowTies,
    disagreementRule: props.initial.disagreementRule,
    guidelines: props.initial.guidelines,
    k: String(props.initial.k),
    annotatorsPerItem: String(props.initial.annotatorsPerItem),
    leaseMinutes: String(props.initial.leaseMinutes),
    kendallThreshold: props.initial.kendallThreshold === null ? "" : String(props.initial.kendallThreshold),
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const set = (patch: Partial<typeof v>) => setV((old) => ({ ...old, ...patch }));
  const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setServerError(null);
    const parsed = props.schema.safeParse({
      ...v,
      k: num(v.k),
      annotatorsPerItem: num(v.annotatorsPerItem),
      leaseMinutes: num(v.leaseMinutes),
      kendallThreshold: v.disagreementRule === "KENDALL" ? num(v.kendallThreshold) : null,
    });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setPending(true);
    try {
      await props.onSubmit(parsed.data);
    } catch (err) {
      const fields = apiFieldErrors(err);
      setErrors(fields);
      if (!Object.keys(fields).length) setServerError(errorText(err));
    } finally {
      setPending(false);
    }
  }

  const id = (field: string) => `${props.idPrefix}-${field}`;
  const fieldError = (field: string) => (errors[field] ? <span className="error">{errors[field]}</span> : null);

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <div className="grid">
        <div className="field">
          <label htmlFor={id("name")}>{t("admin.projects.name")}</label>
          <input id={id("name")} value={v.name} onChange={(e) => set({ name: e.target.value })} aria-invalid={!!errors.name} />
          {fieldError("name")}
        </div>
        <div className="field">
          <label htmlFor={id("k")}>{t("admin.projects.k")}</label>
          <input
            id={id("k")}
            type="number"
            min={K_MIN}
            max={K_MAX}
            value={v.k}
            disabled={!!props.locked?.k}
            onChange={(e) => set({ k: e.target.value })}
            aria-invalid={!!errors.k}
          />
          <span className="hint">{props.locked?.k ?? t("admin.projects.kHint")}</span>
          {fieldError("k")}
        </div>
        <div className="field">
          <label htmlFor={id("annotators")}>{t("admin.projects.annotatorsPerItem")}</label>
          <input
            id={id("annotators")}
            type="number"
            min={1}
            max={5}
            value={v.annotatorsPerItem}
            disabled={!!props.locked?.annotatorsPerItem}
            onChange={(e) => set({ annotatorsPerItem: e.target.value })}
            aria-invalid={!!errors.annotatorsPerItem}
          />
          <span className="hint">{props.locked?.annotatorsPerItem ?? t("admin.projects.annotatorsHint")}</span>
          {fieldError("annotatorsPerItem")}
        </div>
        <div className="field">
          <label htmlFor={id("lease")}>{t("admin.projects.lease")}</label>
          <input
            id={id("lease")}
            type="number"
            min={LEASE_MIN_MINUTES}
            max={LEASE_MAX_MINUTES}
            value={v.leaseMinutes}
            onChange={(e) => set({ leaseMinutes: e.target.value })}
            aria-invalid={!!errors.leaseMinutes}
          />
          <span className="hint">{t("admin.projects.leaseHint")}</span>
          {fieldError("leaseMinutes")}
        </div>
        <div className="field">
          <label htmlFor={id("rule")}>{t("admin.projects.rule")}</label>
          <select id={id("rule")} value={v.disagreementRule} onChange={(e) => set({ disagreementRule: e.target.value as Rule })}>
            {RULES.map((r) => (
              <option key={r} value={r}>
                {t(`admin.projects.rule.${r}`)}
              </option>
            ))}
          </select>
          {fieldError("disagreementRule")}
        </div>
        {v.disagreementRule === "KENDALL" ? (
          <div className="field">
            <label htmlFor={id("threshold")}>{t("admin.projects.threshold")}</label>
            <input
              id={id("threshold")}
              type="number"
              min={-1}
              max={1}
              step={0.05}
              value={v.kendallThreshold}
              onChange={(e) => set({ kendallThreshold: e.target.value })}
              aria-invalid={!!errors.kendallThreshold}
            />
            <span className="hint">{t("admin.projects.thresholdHint")}</span>
            {fieldError("kendallThreshold")}
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={id("ties")} className="row" style={{ gap: "0.4rem" }}>
            <input id={id("ties")} type="checkbox" checked={v.allowTies} onChange={(e) => set({ allowTies: e.target.checked })} />
            {t("admin.projects.allowTies")}
          </label>
        </div>
      </div>
      <div className="field">
        <label htmlFor={id("description")}>{t("admin.projects.description")}</label>
        <textarea id={id("description")} value={v.description} onChange={(e) => set({ description: e.target.value })} />
        {fieldError("description")}
      </div>
      <div className="field">
        <label htmlFor={id("guidelines")}>{t("admin.projects.guidelines")}</label>
        <textarea id={id("guidelines")} rows={8} value={v.guidelines} onChange={(e) => set({ guidelines: e.target.value })} />
        {fieldError("guidelines")}
      </div>
      {Object.keys(errors).length ? <p className="error" role="alert">{t("admin.form.fix")}</p> : null}
      {serverError ? <p className="error" role="alert">{serverError}</p> : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? t("admin.form.saving") : props.submitLabel}
        </button>
      </div>
    </form>
  );
}
