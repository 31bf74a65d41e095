"use client";
// Gold items of a project (admin): the overview, one item's expected order, and the changes.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { GoldItemDetail, GoldOverview } from "@/app/_lib/gold/list-gold";
import { apiFetch } from "@/app/_lib/query/api-fetch";
import { dashboardKeys } from "./use-dashboard";

export const goldKeys = {
  all: ["gold"] as const,
  project: (projectId: string) => [...goldKeys.all, projectId] as const,
  item: (projectId: string, itemId: string) => [...goldKeys.project(projectId), itemId] as const,
};

const base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/gold`;

export function useGold(projectId: string) {
  return useQuery({ queryKey: goldKeys.project(projectId), queryFn: () => apiFetch<GoldOverview>(base(projectId)) });
}

export function useGoldItem(projectId: string, itemId: string | null) {
  return useQuery({
    queryKey: goldKeys.item(projectId, itemId ?? ""),
    queryFn: () => apiFetch<GoldItemDetail>(`${base(projectId)}/${encodeURIComponent(itemId!)}`),
    enabled: itemId !== null,
  });
}

export function useGoldChanges(projectId: string) {
  const qc = useQueryClient();
  const settled = () => Promise.all([qc.invalidateQueries({ queryKey: goldKeys.project(projectId) }), qc.invalidateQueries({ queryKey: dashboardKeys.all })]);
  return {
    setRate: useMutation({
      mutationFn: (rate: number) => apiFetch<{ rate: number }>(base(projectId), { method: "PUT", json: { rate } }),
      onSettled: settled,
    }),
    setItem: useMutation({
      mutationFn: ({ itemId, ranks }: { itemId: string; ranks: number[] }) =>
        apiFetch<{ itemId: string }>(`${base(projectId)}/${encodeURIComponent(itemId)}`, { method: "PUT", json: { ranks } }),
      onSettled: settled,
    }),
    unsetItem: useMutation({
      mutationFn: (itemId: string) => apiFetch<{ itemId: string }>(`${base(projectId)}/${encodeURIComponent(itemId)}`, { method: "DELETE" }),
      onSettled: settled,
    }),
  };
}
