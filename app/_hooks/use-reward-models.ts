"use client";
// Reward models: list (refreshed while one is uploading), register a folder, delete.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/app/_lib/query/api-fetch";
import type { RegisterInput } from "@/app/_lib/reward-models/register.schema";
import type { RewardModelRow } from "@/app/_lib/reward-models/view";

export const rewardModelKeys = { all: ["reward-models"] as const };

export function useRewardModels() {
  return useQuery({
    queryKey: rewardModelKeys.all,
    queryFn: () => apiFetch<{ rewardModels: RewardModelRow[] }>("/api/reward-models").then((r) => r.rewardModels),
    refetchInterval: (q) => (q.state.data?.some((m) => m.status === "UPLOADING") ? 5_000 : false),
  });
}

export function useRegisterRewardModel() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RegisterInput) => apiFetch<{ id: string; name: string; status: string }>("/api/reward-models", { method: "POST", json: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: rewardModelKeys.all }),
  });
}

export function useDeleteRewardModel() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ deleted: true }>(`/api/reward-models/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: rewardModelKeys.all }),
  });
}
