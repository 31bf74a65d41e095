"use client";
// The three sources of an evaluation set (held-out project turns, the shipped safety probes, an
// uploaded file), one form; the same zod schemas as the server check it before sending.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { errorText } from "@/app/_components/query-view";
import { useCreateEvalSet, useEvalOptions, useImportEvalSet } from "@/app/_hooks/use-eval-sets";
import { createEvalSetSchema, importEvalSetSchema } from "@/app/_lib/evaluation/sets/create-eval-set.schema";
import { apiFieldErrors, type FieldErrors, zodFieldErrors } from "../../_forms/field-errors";

type Source = "PROJECT" | "SAFETY_PROBES" | "IMPORT";
const SOURCES: Source[] = ["PROJECT", "SAFETY_PROBES", "IMPORT"];
const FORMATS = ["auto", "CMTMEDQA", "ZHONGJING", "CANDIDATES_JSONL"] as const;

export function NewEvalSetForm() {
  const t = useT();
  const router = useRouter();
  const options = useEvalOptions();
  const create = useCreateEvalSet();
  const importSet = useImportEvalSet();
  const [source, setSource] = useState<Source>("PROJECT");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [projectId, setProjectId] = useState("");
  const [multiTurn, setMultiTurn] = useState(false);
  const [count, setCount] = useState(50);
  const [seed, setSeed] = useState("medrank");
  const [judges, setJudges] = useState(2);
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<(typeof FORMATS)[number]>("auto");
  const [errors, setErrors] = useState<FieldErrors>({});
  const busy = create.isPending || importSet.isPending;
  const failure = create.error ?? importSet.error;
  const projects = options.data?.projects ?? [];

  const done = (id: string) => router.push(`/admin/evaluations/${id}`);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setErrors({});
    create.reset();
    importSet.reset();
    if (source === "IMPORT") {
      if (!file) return setErrors({ file: t("evalSets.form.needFile") });
      const query = { name, description, fileName: file.name, format, multiTurn: String(multiTurn), judgesPerComparison: String(judges), ...(projectId ? { projectId } : {}) };
      const parsed = importEvalSetSchema.safeParse(query);
      if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
      return importSet.mutate({ file, query }, { onSuccess: (r) => done(r.id), onError: (err) => setErrors(apiFieldErrors(err)) });
    }
    const input =
      source === "PROJECT"
        ? { source, name, description, projectId, multiTurn, count, seed, judgesPerComparison: judges }
        : { source, name, description, judgesPerComparison: judges, ...(projectId ? { projectId } : {}) };
    const parsed = createEvalSetSchema.safeParse(input);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    create.mutate(input, { onSuccess: (r) => done(r.id), onError: (err) => setErrors(apiFieldErrors(err)) });
  };

  const fieldError = (field: string) =>
    errors[field] ? (
      <span className="error" id={`eval-${field}-error`}>
        {errors[field]}
      </span>
    ) : null;
  const describedBy = (field: string) => (errors[field] ? `eval-${field}-error` : undefined);

  return (
    <div className="stack">
      <Link href="/admin/evaluations" className="muted">
        ← {t("evalSets.detail.back")}
      </Link>
      <h1 style={{ margin: 0 }}>{t("evalSets.form.title")}</h1>
      <form className="card stack" onSubmit={submit} aria-busy={busy} noValidate>
        <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 600 }}>{t("evalSets.form.source")}</legend>
          {SOURCES.map((s) => (
            <label key={s} className="row" style={{ gap: "0.5rem" }}>
              <input type="radio" name="eval-source" value={s} checked={source === s} onChange={() => setSource(s)} />
              {t(`evalSets.form.source.${s}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="eval-name">{t("evalSets.form.name")}</label>
          <input id="eval-name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={Boolean(errors.name)} aria-describedby={describedBy("name")} />
          {fieldError("name")}
        </div>
        <div className="field">
          <label htmlFor="eval-description">{t("evalSets.form.description")}</label>
          <textarea id="eval-description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="eval-project">{t(source === "PROJECT" ? "evalSets.form.project" : "evalSets.form.projectOptional")}</label>
          <select id="eval-project" value={projectId} onChange={(e) => setProjectId(e.target.value)} aria-invalid={Boolean(errors.projectId)} aria-describedby={describedBy("projectId")}>
            <option value="">{source === "PROJECT" ? "—" : t("evalSets.form.noProject")}</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {fieldError("projectId")}
        </div>
        {source !== "SAFETY_PROBES" ? (
          <fieldset className="row" style={{ border: 0, padding: 0, margin: 0 }}>
            <legend style={{ fontWeight: 600 }}>{t("evalSets.form.turns")}</legend>
            <label className="row" style={{ gap: "0.5rem" }}>
              <input type="radio" name="eval-turns" checked={!multiTurn} onChange={() => setMultiTurn(false)} />
              {t("evalSets.form.single")}
            </label>
            <label className="row" style={{ gap: "0.5rem" }}>
              <input type="radio" name="eval-turns" checked={multiTurn} onChange={() => setMultiTurn(true)} />
              {t("evalSets.form.multi")}
            </label>
          </fieldset>
        ) : null}
        {source === "PROJECT" ? (
          <>
            <p className="muted" style={{ margin: 0 }}>{t("evalSets.form.heldOutHint")}</p>
            <div className="row">
              <div className="field">
                <label htmlFor="eval-count">{t("evalSets.form.count")}</label>
                <input id="eval-count" type="number" min={1} max={5000} value={count} onChange={(e) => setCount(Number(e.target.value))} aria-describedby={describedBy("count")} />
                {fieldError("count")}
              </div>
              <div className="field">
                <label htmlFor="eval-seed">{t("evalSets.form.seed")}</label>
                <input id="eval-seed" value={seed} onChange={(e) => setSeed(e.target.value)} aria-describedby="eval-seed-hint" />
                <span className="hint" id="eval-seed-hint">{t("evalSets.form.seedHint")}</span>
              </div>
            </div>
          </>
        ) : null}
        {source === "IMPORT" ? (
          <div className="row">
            <div className="field">
              <label htmlFor="eval-file">{t("evalSets.form.file")}</label>
              <input id="eval-file" type="file" accept=".json,.jsonl,.ndjson,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} aria-describedby="eval-file-hint" />
              <span className="hint" id="eval-file-hint">{t("evalSets.form.fileHint")}</span>
              {fieldError("file")}
            </div>
            <div className="field">
              <label htmlFor="eval-format">{t("evalSets.form.format")}</label>
              <select id="eval-format" value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
                {FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {t(`data.import.format.${f}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="eval-judges">{t("evalSets.form.judges")}</label>
          <input id="eval-judges" type="number" min={1} max={10} value={judges} onChange={(e) => setJudges(Number(e.target.value))} />
        </div>
        {failure && !Object.keys(errors).length ? (
          <p className="error" role="alert">
            {errorText(failure)}
          </p>
        ) : null}
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t("evalSets.form.submit")}
          </button>
        </div>
      </form>
    </div>
  );
}
