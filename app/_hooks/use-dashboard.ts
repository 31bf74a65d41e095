"use client";
// A project's oversight dashboard (progress, throughput, agreement, position bias).
import { useQuery } from "@tanstack/react-query";
import type { ProjectDashboard } from "@/app/_lib/metrics/get-project-dashboard";
import { apiFetch } from "@/app/_lib/query/api-fetch";

type Serialized<T> = T extends Date ? string : T extends (infer U)[] ? Serialized<U>[] : T extends object ? { [K in keyof T]: Serialized<T[K]> } : T;
export type DashboardData = Serialized<ProjectDashboard>;

export const dashboardKeys = {
  all: ["dashboard"] as const,
  project: (projectId: string, days: number, timeZone: string) => [...dashboardKeys.all, projectId, days, timeZone] as const,
};

/** The browser's time zone decides where a day ends in the daily chart. */
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "Asia/Shanghai";

export function useDashboard(projectId: string, days = 14) {
  const timeZone = browserTimeZone();
  return useQuery({
    queryKey: dashboardKeys.project(projectId, days, timeZone),
    queryFn: () =>
      apiFetch<DashboardData>(
        `/api/projects/${encodeURIComponent(projectId)}/dashboard?${new URLSearchParams({ days: String(days), timeZone })}`,
      ),
    // figures move while experts rank: refresh every minute while the page is open
    refetchInterval: 60_000,
  });
}
