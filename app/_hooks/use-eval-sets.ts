"use client";
// Evaluation sets and their systems (admin): list, one set (polled while a system waits for its
// answers), the form options, create / import a set, add a model system, import answers, and the
// one-click evaluation of a PPO run.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateEvalSetForm } from "@/app/_lib/evaluation/sets/create-eval-set.schema";
import type { EvalSetListEntry, EvalSetView } from "@/app/_lib/evaluation/sets/eval-set-view";
import type { AddModelSystemForm } from "@/app/_lib/evaluation/systems/add-system.schema";
import type { EvaluationOptions } from "@/app/_lib/evaluation/systems/system-options";
import { apiFetch } from "@/app/_lib/query/api-fetch";

export const evalSetKeys = {
  all: ["eval-sets"] as const,
  list: ["eval-sets", "list"] as const,
  detail: (id: string) => ["eval-sets", "detail", id] as const,
  options: ["eval-sets", "options"] as const,
};

const setUrl = (id: string) => `/api/evaluations/${encodeURIComponent(id)}`;

export function useEvalSets() {
  return useQuery({ queryKey: evalSetKeys.list, queryFn: () => apiFetch<{ sets: EvalSetListEntry[] }>("/api/evaluations").then((r) => r.sets) });
}

export function useEvalSet(id: string) {
  return useQuery({
    queryKey: evalSetKeys.detail(id),
    queryFn: () => apiFetch<EvalSetView>(setUrl(id)),
    // answers arrive while generation runs: follow them
    refetchInterval: (q) => (q.state.data?.systems.some((s) => s.status === "PENDING") ? 3000 : false),
  });
}

export function useEvalOptions() {
  return useQuery({ queryKey: evalSetKeys.options, queryFn: () => apiFetch<EvaluationOptions>("/api/evaluations/options") });
}

type Created = { id: string; name: string; prompts: number; contentHash: string };

export function useCreateEvalSet() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateEvalSetForm) => apiFetch<Created>("/api/evaluations", { method: "POST", json: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: evalSetKeys.all }),
  });
}

/** A file sent as the raw body, its options in the query string (as the project import does). */
async function upload<T>(url: string, file: File, query: Record<string, string>): Promise<T> {
  const qs = new URLSearchParams(query).toString();
  return apiFetch<T>(`${url}?${qs}`, { method: "POST", body: file, headers: { "content-type": "application/octet-stream" } });
}

export function useImportEvalSet() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, query }: { file: File; query: Record<string, string> }) => upload<Created & { skipped: number }>("/api/evaluations/import", file, query),
    onSuccess: () => qc.invalidateQueries({ queryKey: evalSetKeys.all }),
  });
}

export function useAddModelSystem(evalSetId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AddModelSystemForm) => apiFetch<{ id: string; name: string; generateRunId: string }>(`${setUrl(evalSetId)}/systems`, { method: "POST", json: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: evalSetKeys.all }),
  });
}

export function useImportAnswers(evalSetId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, name }: { file: File; name: string }) =>
      upload<{ id: string; name: string; answers: number }>(`${setUrl(evalSetId)}/systems/import`, file, { name, fileName: file.name }),
    onSuccess: () => qc.invalidateQueries({ queryKey: evalSetKeys.all }),
  });
}

export function useEvaluateRun(runId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ evalSetId: string }>(`/api/runs/${encodeURIComponent(runId)}/evaluate`, { method: "POST", json: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: evalSetKeys.all }),
  });
}
