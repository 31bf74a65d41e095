"use client";
// The annotator's queue in one project: what is left, and the current item (resumed or newly leased).
import { useQuery } from "@tanstack/react-query";
import type { NextItemResult, QueueStats } from "@/app/_lib/assignment/assignment-view";
import { apiFetch } from "@/app/_lib/query/api-fetch";

export const queueKeys = {
  all: ["queue"] as const,
  project: (projectId: string) => [...queueKeys.all, projectId] as const,
  stats: (projectId: string) => [...queueKeys.project(projectId), "stats"] as const,
  current: (projectId: string) => [...queueKeys.project(projectId), "current"] as const,
};

export function useQueueStats(projectId: string) {
  return useQuery({
    queryKey: queueKeys.stats(projectId),
    queryFn: () => apiFetch<QueueStats>(`/api/projects/${encodeURIComponent(projectId)}/queue`),
  });
}

/**
 * The item to rank now. "Next item" resumes the caller's unexpired lease, so asking
 * again (reload, refetch) is safe; it changes only after a submit or a skip, which
 * invalidate this key.
 */
export function useCurrentAssignment(projectId: string) {
  return useQuery({
    queryKey: queueKeys.current(projectId),
    queryFn: () => apiFetch<NextItemResult>(`/api/projects/${encodeURIComponent(projectId)}/queue/next`, { method: "POST" }),
    staleTime: Infinity,
  });
}
