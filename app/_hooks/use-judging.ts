"use client";
// The judge's queue in one evaluation set: progress, the current comparison (resumed or newly
// leased), submit and skip. The draft is saved by the form (useLeasedWork).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { JudgeSetRow } from "@/app/_lib/evaluation/judging/judge-sets";
import type { SubmitJudgmentBody } from "@/app/_lib/evaluation/judging/judging.schema";
import type { JudgmentView } from "@/app/_lib/evaluation/judging/judgment-view";
import { apiFetch } from "@/app/_lib/query/api-fetch";

export const judgingKeys = {
  all: ["judging"] as const,
  sets: () => [...judgingKeys.all, "sets"] as const,
  current: (evalSetId: string) => [...judgingKeys.all, evalSetId, "current"] as const,
};

export const judgmentUrl = (id: string) => `/api/judging/judgments/${encodeURIComponent(id)}`;

export function useJudgeSets() {
  return useQuery({ queryKey: judgingKeys.sets(), queryFn: async () => (await apiFetch<{ sets: JudgeSetRow[] }>("/api/judging")).sets });
}

/** The comparison to judge now: asking again resumes the caller's lease, so a refetch is safe. */
export function useCurrentJudgment(evalSetId: string) {
  return useQuery({
    queryKey: judgingKeys.current(evalSetId),
    queryFn: () => apiFetch<{ judgment: JudgmentView | null }>(`/api/judging/sets/${encodeURIComponent(evalSetId)}/next`, { method: "POST" }),
    staleTime: Infinity,
  });
}

export function useJudgmentAction(evalSetId: string) {
  const qc = useQueryClient();
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: judgingKeys.current(evalSetId) }), qc.invalidateQueries({ queryKey: judgingKeys.sets() })]);
  const submit = useMutation({
    mutationFn: (vars: { judgmentId: string; body: SubmitJudgmentBody }) => apiFetch(`${judgmentUrl(vars.judgmentId)}/submit`, { method: "POST", json: vars.body }),
    onSuccess: refresh,
  });
  const skip = useMutation({
    mutationFn: (vars: { judgmentId: string }) => apiFetch(`${judgmentUrl(vars.judgmentId)}/skip`, { method: "POST", json: {} }),
    onSuccess: refresh,
  });
  return { submit, skip };
}
