"use client";
// Launch an RM, PPO or sampling run. The launch schema checks the form here and the body on the
// server. Defaults come from context (launch-defaults.ts): the project you came from, the model an
// agent reports, RM settings scaled to the snapshot (with the reason), or a run being cloned; a
// launch that cannot work is disabled with the reason.
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { useLaunchOptions, useLaunchRun, useRun } from "@/app/_hooks/use-runs";
import { errorReason, errorText } from "@/app/_lib/i18n/error-text";
import { ApiError } from "@/app/_lib/query/api-fetch";
import { launchRunSchema, ppoConfigSchema, rmConfigSchema, sampleConfigSchema } from "@/app/_lib/runs/launch-run.schema";
import { suggestRmConfig } from "@/app/_lib/runs/rm-defaults";
import type { RunDetail } from "@/app/_lib/runs/run-view";
import { fromDefaults, Hyperparameters, type ParamValues, toConfig } from "./hyperparameters";
import { blockReason, defaultProject, type Kind, snapshotSize } from "./launch-defaults";
import { fmt3 } from "./run-headline";
import styles from "./runs.module.css";

const DEFAULTS: Record<Kind, ParamValues> = {
  RM: fromDefaults(rmConfigSchema.parse({})),
  PPO: fromDefaults(ppoConfigSchema.parse({})),
  SAMPLE: fromDefaults(sampleConfigSchema.parse({})),
};

type Errors = Record<string, string>;

function issuesToErrors(issues: { path: PropertyKey[] | string; message: string }[]): Errors {
  const out: Errors = {};
  for (const i of issues) {
    const key = Array.isArray(i.path) ? i.path.map(String).join(".") : i.path;
    out[key] ??= i.message;
  }
  return out;
}

/** The cloned run's hyperparameters, limited to the keys the form shows for its kind. */
function paramsOf(run: RunDetail & { kind: Kind }): ParamValues {
  const base = DEFAULTS[run.kind];
  const out: ParamValues = { ...base };
  for (const key of Object.keys(base)) {
    const v = run.config[key];
    if (typeof v === "boolean" || typeof v === "number" || typeof v === "string") out[key] = typeof v === "boolean" ? v : String(v);
  }
  return out;
}

export function LaunchForm(props: { initialKind: Kind; projectId?: string; cloneId?: string; rewardRunId?: string }) {
  const t = useT();
  const router = useRouter();
  const options = useLaunchOptions();
  const launch = useLaunchRun();
  const clone = useRun(props.cloneId ?? "");
  const [kind, setKind] = useState<Kind>(props.initialKind);
  const [projectId, setProjectId] = useState("");
  const [name, setName] = useState("");
  const [modelPath, setModelPath] = useState("");
  const [maxAttempts, setMaxAttempts] = useState("3");
  const [snapshotMode, setSnapshotMode] = useState<"latest" | "existing">("latest");
  const [snapshotId, setSnapshotId] = useState("");
  const [rewardRunId, setRewardRunId] = useState(props.rewardRunId ?? "");
  const [adapterRunId, setAdapterRunId] = useState("");
  const [k, setK] = useState("");
  const [maxItems, setMaxItems] = useState("1000");
  const [frontOfQueue, setFrontOfQueue] = useState(false);
  const [params, setParams] = useState<Record<Kind, ParamValues>>(DEFAULTS);
  const [errors, setErrors] = useState<Errors>({});
  const [scaledFor, setScaledFor] = useState<number | null>(null);
  const initialised = useRef(false);

  const data = options.data;
  // a GENERATE run belongs to an evaluation set and is cloned from there, not with this form
  const cloned = props.cloneId && clone.data && clone.data.kind !== "GENERATE" ? { ...clone.data, kind: clone.data.kind } : undefined;
  const waitingForClone = Boolean(props.cloneId) && clone.isPending;
  // Once: the run being cloned, else the context's project and an agent's model.
  useEffect(() => {
    if (initialised.current || !data || waitingForClone) return;
    initialised.current = true;
    if (cloned) {
      setKind(cloned.kind);
      setProjectId(cloned.projectId ?? defaultProject(data, cloned.kind, undefined));
      setModelPath(cloned.modelPath);
      setMaxAttempts(String(cloned.maxAttempts));
      if (cloned.snapshot) {
        setSnapshotMode("existing");
        setSnapshotId(cloned.snapshot.id);
      }
      if (cloned.parentRun) (cloned.kind === "PPO" ? setRewardRunId : setAdapterRunId)(cloned.parentRun.id);
      if (typeof cloned.config.k === "number") setK(String(cloned.config.k));
      setFrontOfQueue(cloned.frontOfQueue);
      setParams((p) => ({ ...p, [cloned.kind]: paramsOf(cloned) }));
      setScaledFor(-1); // keep the cloned settings: no rescaling
      return;
    }
    setProjectId(defaultProject(data, kind, props.projectId));
    setModelPath(data.agentModels[0] ?? "");
  }, [data, cloned, waitingForClone, kind, props.projectId]);

  const project = data?.projects.find((p) => p.id === projectId);
  const rewardRuns = useMemo(() => data?.rewardRuns ?? [], [data]);
  // A project without final rankings can only train on a frozen snapshot.
  const onlyFrozen = Boolean(project && project.finalItems === 0 && project.snapshots.length > 0);
  useEffect(() => {
    if (cloned) return;
    setSnapshotMode(onlyFrozen ? "existing" : "latest");
  }, [projectId, onlyFrozen, cloned]);

  // RM settings scaled to the rankings the run will read (not when cloning a run's settings).
  const size = snapshotSize(project, snapshotMode, snapshotId);
  const suggestion = kind === "RM" && size ? suggestRmConfig(size) : null;
  useEffect(() => {
    if (kind !== "RM" || !size || scaledFor === -1 || scaledFor === size) return;
    const s = suggestRmConfig(size);
    if (!s) return;
    setParams((p) => ({ ...p, RM: { ...p.RM, ...fromDefaults(s.config) } }));
    setScaledFor(size);
  }, [kind, size, scaledFor]);

  const blocked = data ? blockReason({ kind, project, snapshotMode, snapshotId, rewardRuns: rewardRuns.length }) : null;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const snapshot = snapshotMode === "latest" ? { mode: "latest" } : { mode: "existing", snapshotId };
    const common = { projectId, name: name.trim() || undefined, modelPath, maxAttempts: Number(maxAttempts), config: toConfig(params[kind]) };
    const body =
      kind === "RM"
        ? { kind, ...common, snapshot }
        : kind === "PPO"
          ? { kind, ...common, rewardRunId, snapshot }
          : { kind, ...common, adapterRunId: adapterRunId || undefined, k: k ? Number(k) : undefined, maxItems: Number(maxItems), frontOfQueue };
    const parsed = launchRunSchema.safeParse(body);
    if (!parsed.success) {
      setErrors(issuesToErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    launch.mutate(parsed.data, {
      onSuccess: (run) => router.push(`/admin/runs/${run.id}`),
      onError: (err) => {
        if (err instanceof ApiError) {
          const issues = (err.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
          if (issues?.length) setErrors(issuesToErrors(issues));
        }
      },
    });
  };

  const err = (key: string) => (errors[key] ? <span className="error">{errors[key]}</span> : null);
  const refusal = (() => {
    if (!launch.isError) return null;
    const reason = errorReason(launch.error);
    const key = `runs.refuse.${reason}`;
    return reason && t(key) !== key ? t(key) : errorText(t, launch.error);
  })();

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <h1>{t("runs.launch.title")}</h1>
      {cloned ? <p className="muted" data-testid="clone-note">{t("runs.form.cloneOf", { name: cloned.name })}</p> : null}
      <div className={styles.kinds} role="group" aria-label={t("runs.col.kind")}>
        {(["RM", "PPO", "SAMPLE"] as const).map((kd) => (
          <button key={kd} type="button" className="btn" aria-pressed={kind === kd} onClick={() => { setKind(kd); setErrors({}); }}>
            {t(`runs.kind.${kd}`)}
          </button>
        ))}
      </div>
      <p className="muted">{t(`runs.launch.about.${kind}`)}</p>
      {options.isError ? <p className="error" role="alert">{errorText(t, options.error)}</p> : null}

      <div className="grid">
        <div className="field">
          <label htmlFor="run-project">{t("runs.form.project")}</label>
          <select id="run-project" value={projectId} onChange={(e) => { setProjectId(e.target.value); setSnapshotId(""); }}>
            {data?.projects.length ? null : <option value="">{data ? t("runs.form.noProjects") : t("common.loading")}</option>}
            {data?.projects.map((p) => (
              <option key={p.id} value={p.id}>
                {kind === "SAMPLE" ? t("runs.form.projectAwaiting", { name: p.name, n: p.awaitingCandidates }) : t("runs.form.projectFinal", { name: p.name, n: p.finalItems })}
              </option>
            ))}
          </select>
          {err("projectId")}
        </div>
        <div className="field">
          <label htmlFor="run-name">{t("runs.form.name")}</label>
          <input id="run-name" value={name} onChange={(e) => setName(e.target.value)} placeholder={t("runs.form.namePlaceholder")} />
        </div>
        <div className="field">
          <label htmlFor="run-model">{t(kind === "RM" ? "runs.form.baseModel" : "runs.form.policy")}</label>
          <input id="run-model" list="run-model-paths" value={modelPath} onChange={(e) => setModelPath(e.target.value)} placeholder="/data/models/zhongjing-sft" />
          <datalist id="run-model-paths">
            {data?.modelPaths.map((m) => <option key={m} value={m} />)}
          </datalist>
          {err("modelPath") ?? <span className="hint">{data?.agentModels.length ? t("runs.form.modelFromAgent") : t("runs.form.modelHint")}</span>}
        </div>
        <div className="field">
          <label htmlFor="run-attempts">{t("runs.form.maxAttempts")}</label>
          <input id="run-attempts" inputMode="numeric" value={maxAttempts} onChange={(e) => setMaxAttempts(e.target.value)} />
          {err("maxAttempts") ?? <span className="hint">{t("runs.form.maxAttemptsHint")}</span>}
        </div>
      </div>

      {kind === "PPO" ? (
        <div className="field">
          <label htmlFor="run-reward">{t("runs.form.rewardRun")}</label>
          <select id="run-reward" value={rewardRunId} onChange={(e) => setRewardRunId(e.target.value)}>
            <option value="">{rewardRuns.length ? t("runs.form.pick") : t("runs.form.noRewardRuns")}</option>
            {rewardRuns.map((r) => (
              <option key={r.id} value={r.id}>
                {r.accuracy === null ? r.name : t("runs.form.rewardRunOption", { name: r.name, acc: fmt3(r.accuracy), n: r.validation ?? "?" })}
              </option>
            ))}
          </select>
          {err("rewardRunId") ?? <span className="hint">{t("runs.form.rewardRunHint")}</span>}
        </div>
      ) : null}

      {kind !== "SAMPLE" ? (
        <fieldset className="card stack" style={{ border: "1px solid var(--border)" }}>
          <legend>{t(kind === "RM" ? "runs.form.rankings" : "runs.form.prompts")}</legend>
          <label className="row" style={{ gap: "0.4rem" }}>
            <input type="radio" name="snapshot" checked={snapshotMode === "latest"} onChange={() => setSnapshotMode("latest")} disabled={project?.finalItems === 0} />
            {t("runs.form.latest", { n: project?.finalItems ?? 0 })}
          </label>
          <label className="row" style={{ gap: "0.4rem" }}>
            <input type="radio" name="snapshot" checked={snapshotMode === "existing"} onChange={() => setSnapshotMode("existing")} disabled={!project?.snapshots.length} />
            {t("runs.form.existing")}
          </label>
          {snapshotMode === "existing" ? (
            <div className="field">
              <label htmlFor="run-snapshot">{t("runs.form.snapshot")}</label>
              <select id="run-snapshot" value={snapshotId} onChange={(e) => setSnapshotId(e.target.value)}>
                <option value="">{t("runs.form.pick")}</option>
                {project?.snapshots.map((s) => (
                  <option key={s.id} value={s.id}>
                    {t("runs.form.snapshotOption", { v: s.version, n: s.items })}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {err("snapshot.snapshotId") ?? err("snapshot")}
        </fieldset>
      ) : (
        <div className="grid">
          <p className="muted" style={{ margin: 0 }}>{t("runs.form.awaiting", { n: project?.awaitingCandidates ?? 0 })}</p>
          <div className="field">
            <label htmlFor="run-adapter">{t("runs.form.adapterRun")}</label>
            <select id="run-adapter" value={adapterRunId} onChange={(e) => setAdapterRunId(e.target.value)}>
              <option value="">{t("runs.form.noAdapter")}</option>
              {data?.policyRuns.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="run-k">K</label>
            <input id="run-k" inputMode="numeric" value={k} placeholder={String(project?.k ?? 4)} onChange={(e) => setK(e.target.value)} />
            {err("k") ?? <span className="hint">{t("runs.form.kHint")}</span>}
          </div>
          <div className="field">
            <label htmlFor="run-max-items">{t("runs.form.maxItems")}</label>
            <input id="run-max-items" inputMode="numeric" value={maxItems} onChange={(e) => setMaxItems(e.target.value)} />
            {err("maxItems")}
          </div>
          <div className="field">
            <label htmlFor="run-front-of-queue" className="row" style={{ gap: "0.4rem" }}>
              <input id="run-front-of-queue" type="checkbox" checked={frontOfQueue} onChange={(e) => setFrontOfQueue(e.target.checked)} aria-describedby="run-front-of-queue-hint" />
              {t("runs.form.frontOfQueue")}
            </label>
            <span className="hint" id="run-front-of-queue-hint">{t("runs.form.frontOfQueueHint")}</span>
          </div>
        </div>
      )}

      {suggestion && scaledFor === size ? (
        <div className="card stack" data-testid="rm-scaled" style={{ gap: "0.3rem" }}>
          <strong>{t("runs.scale.title", { n: size ?? 0 })}</strong>
          <ul style={{ margin: 0, paddingLeft: "1.2rem" }}>
            {suggestion.reasons.map((r) => (
              <li key={r.key}>{t(`runs.scale.${r.key}`, r.vars)}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <Hyperparameters values={params[kind]} onChange={(v) => setParams((p) => ({ ...p, [kind]: v }))} errors={errors} />

      {refusal ? (
        <p className="error" role="alert">
          {refusal}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={launch.isPending || !projectId || blocked !== null} aria-describedby={blocked ? "launch-blocked" : undefined}>
          {launch.isPending ? t("runs.form.launching") : t("runs.form.submit")}
        </button>
        {blocked ? (
          <span id="launch-blocked" className="muted" role="status" data-testid="launch-blocked">
            {t(`runs.block.${blocked}`)}
          </span>
        ) : null}
      </div>
    </form>
  );
}
