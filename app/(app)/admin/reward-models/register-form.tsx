"use client";
// Register a folder exported by `medrank-trainer export-onnx` on the app's host.
import { useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { errorText } from "@/app/_components/query-view";
import { useRegisterRewardModel } from "@/app/_hooks/use-reward-models";
import { registerSchema } from "@/app/_lib/reward-models/register.schema";

export function RegisterForm() {
  const t = useT();
  const register = useRegisterRewardModel();
  const [dir, setDir] = useState("");
  const [name, setName] = useState("");
  const [dirError, setDirError] = useState<string | null>(null);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = registerSchema.safeParse({ dir, name: name || undefined });
    if (!parsed.success) return setDirError(parsed.error.issues[0].message);
    setDirError(null);
    register.mutate(parsed.data, { onSuccess: () => (setDir(""), setName("")) });
  };

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="rm-register-title">
      <h2 id="rm-register-title" style={{ margin: 0, fontSize: "1.05rem" }}>
        {t("rewardModels.register.title")}
      </h2>
      <div className="row" style={{ alignItems: "flex-end" }}>
        <div className="field" style={{ flex: "3 1 320px" }}>
          <label htmlFor="rm-dir">{t("rewardModels.register.dir")}</label>
          <input id="rm-dir" value={dir} onChange={(e) => setDir(e.target.value)} placeholder="/data/medrank/rm-2026-12/onnx" aria-describedby="rm-dir-hint" aria-invalid={dirError ? true : undefined} />
          <span id="rm-dir-hint" className="hint">
            {t("rewardModels.register.dirHelp")}
          </span>
          {dirError ? <span className="error">{dirError}</span> : null}
        </div>
        <div className="field" style={{ flex: "1 1 180px" }}>
          <label htmlFor="rm-name">{t("rewardModels.register.name")}</label>
          <input id="rm-name" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit" className="btn btn-primary" disabled={register.isPending}>
          {register.isPending ? t("rewardModels.register.submitting") : t("rewardModels.register.submit")}
        </button>
      </div>
      {register.isError ? (
        <p className="error" role="alert">
          {errorText(register.error)}
        </p>
      ) : null}
      {register.data ? (
        <p className="muted" role="status">
          {t("rewardModels.register.done", { name: register.data.name })}
        </p>
      ) : null}
    </form>
  );
}
