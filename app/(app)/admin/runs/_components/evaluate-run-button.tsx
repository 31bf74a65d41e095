"use client";
// "Evaluate against its base model" on a finished PPO run: creates the held-out set, both systems
// and their generation runs, requests the pair, and opens the set page.
import { useRouter } from "next/navigation";
import { useT } from "@/app/_components/i18n-provider";
import { errorText } from "@/app/_components/query-view";
import { useEvaluateRun } from "@/app/_hooks/use-eval-sets";

export function EvaluateRunButton({ runId }: { runId: string }) {
  const t = useT();
  const router = useRouter();
  const evaluate = useEvaluateRun(runId);
  return (
    <>
      <button
        type="button"
        className="btn btn-primary"
        title={t("evalSets.evaluate.hint")}
        disabled={evaluate.isPending || evaluate.isSuccess}
        onClick={() => evaluate.mutate(undefined, { onSuccess: (r) => router.push(`/admin/evaluations/${r.evalSetId}`) })}
      >
        {evaluate.isPending || evaluate.isSuccess ? t("evalSets.evaluate.working") : t("evalSets.evaluate.button")}
      </button>
      {evaluate.isError ? (
        <span className="error" role="alert">
          {errorText(evaluate.error)}
        </span>
      ) : null}
    </>
  );
}
