"use client";
// The two ways a system joins a set: a model answered by a GENERATE run (a PPO policy, a run's
// base model, or a model directory an agent reported), or a file of answers from elsewhere.
import { useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { errorText } from "@/app/_components/query-view";
import { useAddModelSystem, useEvalOptions, useImportAnswers } from "@/app/_hooks/use-eval-sets";
import { addModelSystemSchema } from "@/app/_lib/evaluation/systems/add-system.schema";
import { zodFieldErrors } from "../../_forms/field-errors";

type Choice = "RUN_POLICY" | "BASE_RUN" | "PATH";
const CHOICES: Choice[] = ["RUN_POLICY", "BASE_RUN", "PATH"];

export function AddSystemForms({ evalSetId }: { evalSetId: string }) {
  return (
    <div className="grid">
      <ModelSystemForm evalSetId={evalSetId} />
      <ImportAnswersForm evalSetId={evalSetId} />
    </div>
  );
}

function ModelSystemForm({ evalSetId }: { evalSetId: string }) {
  const t = useT();
  const options = useEvalOptions();
  const add = useAddModelSystem(evalSetId);
  const [name, setName] = useState("");
  const [choice, setChoice] = useState<Choice>("RUN_POLICY");
  const [runId, setRunId] = useState("");
  const [modelPath, setModelPath] = useState("");
  const [maxNewTokens, setMaxNewTokens] = useState(256);
  const [temperature, setTemperature] = useState(0);
  const [topP, setTopP] = useState(1);
  const [seed, setSeed] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const runs = choice === "RUN_POLICY" ? (options.data?.ppoRuns ?? []) : (options.data?.runs ?? []);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    const input = {
      name,
      kind: choice === "RUN_POLICY" ? ("RUN_POLICY" as const) : ("BASE_MODEL" as const),
      ...(choice === "PATH" ? { modelPath } : { runId }),
      decoding: { max_new_tokens: maxNewTokens, temperature, top_p: topP, seed },
    };
    const parsed = addModelSystemSchema.safeParse(input);
    if (!parsed.success) return setError(Object.entries(zodFieldErrors(parsed.error)).map(([k, v]) => `${k}: ${v}`).join("; "));
    add.mutate(input, {
      onSuccess: (r) => {
        setDone(t("evalSets.add.done", { name: r.name }));
        setName("");
      },
      onError: (err) => setError(errorText(err)),
    });
  };

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="eval-add-title" aria-busy={add.isPending} noValidate>
      <h2 id="eval-add-title" style={{ margin: 0 }}>{t("evalSets.add.title")}</h2>
      <p className="muted" style={{ margin: 0 }}>{t("evalSets.add.hint")}</p>
      <div className="field">
        <label htmlFor="add-name">{t("evalSets.add.name")}</label>
        <input id="add-name" value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0, gap: "0.25rem" }}>
        <legend style={{ fontWeight: 600 }}>{t("evalSets.add.kind")}</legend>
        {CHOICES.map((c) => (
          <label key={c} className="row" style={{ gap: "0.5rem" }}>
            <input type="radio" name="add-kind" checked={choice === c} onChange={() => { setChoice(c); setRunId(""); }} />
            {t(`evalSets.add.kind.${c}`)}
          </label>
        ))}
      </fieldset>
      {choice === "PATH" ? (
        <div className="field">
          <label htmlFor="add-model-path">{t("evalSets.add.modelPath")}</label>
          <input id="add-model-path" list="add-agent-models" value={modelPath} onChange={(e) => setModelPath(e.target.value)} />
          <datalist id="add-agent-models">
            {(options.data?.agentModels ?? []).map((m) => (
              <option key={m.path} value={m.path}>
                {m.agents.join(", ")}
              </option>
            ))}
          </datalist>
        </div>
      ) : (
        <div className="field">
          <label htmlFor="add-run">{t("evalSets.add.run")}</label>
          <select id="add-run" value={runId} onChange={(e) => setRunId(e.target.value)}>
            <option value="">{t("evalSets.add.pickRun")}</option>
            {runs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} · {r.modelPath}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="row">
        <div className="field">
          <label htmlFor="add-max-new">{t("evalSets.add.maxNewTokens")}</label>
          <input id="add-max-new" type="number" min={1} max={8192} value={maxNewTokens} onChange={(e) => setMaxNewTokens(Number(e.target.value))} />
        </div>
        <div className="field">
          <label htmlFor="add-temperature">{t("evalSets.add.temperature")}</label>
          <input id="add-temperature" type="number" min={0} max={10} step={0.05} value={temperature} onChange={(e) => setTemperature(Number(e.target.value))} />
        </div>
        <div className="field">
          <label htmlFor="add-top-p">{t("evalSets.add.topP")}</label>
          <input id="add-top-p" type="number" min={0.01} max={1} step={0.01} value={topP} onChange={(e) => setTopP(Number(e.target.value))} />
        </div>
        <div className="field">
          <label htmlFor="add-seed">{t("evalSets.add.seed")}</label>
          <input id="add-seed" type="number" min={0} value={seed} onChange={(e) => setSeed(Number(e.target.value))} />
        </div>
      </div>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {done ? <p className="success" role="status">{done}</p> : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={add.isPending}>
          {t("evalSets.add.submit")}
        </button>
      </div>
    </form>
  );
}

function ImportAnswersForm({ evalSetId }: { evalSetId: string }) {
  const t = useT();
  const importAnswers = useImportAnswers(evalSetId);
  const [name, setName] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    if (!file) return setError(t("evalSets.import.needFile"));
    importAnswers.mutate(
      { file, name },
      {
        onSuccess: (r) => setDone(t("evalSets.import.done", { name: r.name, answers: r.answers })),
        onError: (err) => setError(errorText(err)),
      },
    );
  };

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="eval-import-title" aria-busy={importAnswers.isPending} noValidate>
      <h2 id="eval-import-title" style={{ margin: 0 }}>{t("evalSets.import.title")}</h2>
      <p className="muted" style={{ margin: 0 }}>{t("evalSets.import.hint")}</p>
      <div className="field">
        <label htmlFor="import-system-name">{t("evalSets.import.name")}</label>
        <input id="import-system-name" value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="import-answers-file">{t("evalSets.import.file")}</label>
        <input id="import-answers-file" type="file" accept=".jsonl,.ndjson,application/x-ndjson" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {done ? <p className="success" role="status">{done}</p> : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={importAnswers.isPending}>
          {t("evalSets.import.submit")}
        </button>
      </div>
    </form>
  );
}
