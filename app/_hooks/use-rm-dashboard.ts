"use client";
// The dashboard's "reward model vs experts" panel (app/_lib/metrics/get-rm-dashboard.ts).
import { useQuery } from "@tanstack/react-query";
import type { RmDashboard } from "@/app/_lib/metrics/get-rm-dashboard";
import { apiFetch } from "@/app/_lib/query/api-fetch";
import { dashboardKeys } from "./use-dashboard";

export type RmDashboardData = RmDashboard;

export function useRmDashboard(projectId: string, rewardModelId: string | null) {
  return useQuery({
    queryKey: [...dashboardKeys.all, projectId, "reward-model", rewardModelId ?? "chosen"] as const,
    queryFn: () =>
      apiFetch<RmDashboardData>(
        `/api/projects/${encodeURIComponent(projectId)}/dashboard/reward-model${rewardModelId ? `?${new URLSearchParams({ rewardModelId })}` : ""}`,
      ),
    // rows arrive as rankings become final and the background scoring catches up
    refetchInterval: 30_000,
  });
}
