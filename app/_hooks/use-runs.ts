"use client";
// Training runs: the list, one run (polled while it is queued or running), its metrics (fetched
// incrementally: only points after the last id held), its log tail, comparisons, launch and cancel.
import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { RunStatus } from "@/app/_generated/prisma/enums";
import { apiFetch } from "@/app/_lib/query/api-fetch";
import type { LaunchOptions } from "@/app/_lib/runs/launch-options";
import type { LaunchRunInput } from "@/app/_lib/runs/launch-run.schema";
import type { LogFilter } from "@/app/_lib/runs/log-level";
import type { RunComparison } from "@/app/_lib/runs/run-metrics";
import type { RunSamples } from "@/app/_lib/runs/run-samples";
import type { MetricPoint, RunDetail, RunLogLine, RunMetricsPage, RunSummary } from "@/app/_lib/runs/run-view";

export type RunFilter = { status?: RunStatus; kind?: "RM" | "PPO" | "SAMPLE" };

export const runKeys = {
  all: ["runs"] as const,
  list: (filter: RunFilter) => [...runKeys.all, "list", filter] as const,
  detail: (id: string) => [...runKeys.all, "detail", id] as const,
  metrics: (id: string) => [...runKeys.all, "metrics", id] as const,
  logs: (id: string, level: LogFilter = "all") => [...runKeys.all, "logs", id, level] as const,
  samples: (id: string) => [...runKeys.all, "samples", id] as const,
  compare: (ids: string[]) => [...runKeys.all, "compare", ids] as const,
  launchOptions: ["runs", "launch-options"] as const,
};

/** How often a live view refreshes while the run can still change. */
export const LIVE_INTERVAL_MS = 2000;
export const isActive = (status: RunStatus | undefined) => status === "QUEUED" || status === "RUNNING";

const runUrl = (id: string) => `/api/runs/${encodeURIComponent(id)}`;

export function useRuns(filter: RunFilter) {
  const qs = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]).toString();
  return useQuery({
    queryKey: runKeys.list(filter),
    queryFn: () => apiFetch<{ runs: RunSummary[] }>(`/api/runs${qs ? `?${qs}` : ""}`),
    refetchInterval: (q) => (q.state.data?.runs.some((r) => isActive(r.status)) ? LIVE_INTERVAL_MS * 2 : false),
  });
}

export function useRun(id: string) {
  return useQuery({
    queryKey: runKeys.detail(id),
    queryFn: () => apiFetch<{ run: RunDetail }>(runUrl(id)).then((r) => r.run),
    enabled: id !== "", // the launch form asks for a run only when cloning one
    refetchInterval: (q) => (q.state.data === undefined || isActive(q.state.data.status) ? LIVE_INTERVAL_MS : false),
  });
}

type MetricsState = { points: MetricPoint[]; lastId: number };

async function fetchNewPoints(qc: QueryClient, id: string): Promise<MetricsState> {
  const held = qc.getQueryData<MetricsState>(runKeys.metrics(id)) ?? { points: [], lastId: 0 };
  let state = held;
  // Page until caught up (a long run opened late has more than one page of points).
  for (;;) {
    const page = await apiFetch<RunMetricsPage>(`${runUrl(id)}/metrics?after=${state.lastId}`);
    if (page.points.length === 0) return state;
    state = { points: [...state.points, ...page.points], lastId: page.lastId };
    if (page.points.length < 5000) return state;
  }
}

/** When a run stops being live, fetch once more: what the agent posted just before it reported
 * the end arrives after the last poll. */
function useFinalFetch(refetch: () => unknown, live: boolean) {
  const wasLive = useRef(live);
  useEffect(() => {
    if (wasLive.current && !live) void refetch();
    wasLive.current = live;
  }, [live, refetch]);
}

export function useRunMetrics(id: string, live: boolean) {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: runKeys.metrics(id),
    queryFn: () => fetchNewPoints(qc, id),
    refetchInterval: live ? LIVE_INTERVAL_MS : false,
    staleTime: live ? 0 : Infinity,
  });
  useFinalFetch(query.refetch, live);
  return query;
}

/** The log's tail, re-read while the run is live: a progress line updated in place keeps its id. */
export const LOG_TAIL = 500;
export function useRunLogs(id: string, live: boolean, level: LogFilter = "all") {
  const query = useQuery({
    queryKey: runKeys.logs(id, level),
    queryFn: () => apiFetch<{ lines: RunLogLine[]; total: number }>(`${runUrl(id)}/logs?tail=${LOG_TAIL}&level=${level}`),
    refetchInterval: live ? LIVE_INTERVAL_MS : false,
  });
  useFinalFetch(query.refetch, live);
  return query;
}

export const logDownloadUrl = (id: string) => `${runUrl(id)}/logs/download`;

export function useRunSamples(id: string, live: boolean) {
  const query = useQuery({
    queryKey: runKeys.samples(id),
    queryFn: () => apiFetch<RunSamples>(`${runUrl(id)}/samples?take=200`),
    refetchInterval: live ? LIVE_INTERVAL_MS * 2 : false,
  });
  useFinalFetch(query.refetch, live);
  return query;
}

export function useCompareRuns(ids: string[]) {
  return useQuery({
    queryKey: runKeys.compare(ids),
    queryFn: () => apiFetch<RunComparison>(`/api/runs/compare?ids=${ids.map(encodeURIComponent).join(",")}`),
    enabled: ids.length > 0,
    refetchInterval: (q) => (q.state.data?.runs.some((r) => isActive(r.status)) ? LIVE_INTERVAL_MS * 2 : false),
  });
}

export function useLaunchOptions() {
  return useQuery({ queryKey: runKeys.launchOptions, queryFn: () => apiFetch<LaunchOptions>("/api/runs/launch-options") });
}

export function useLaunchRun() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: LaunchRunInput) =>
      apiFetch<{ run: { id: string; name: string } }>("/api/runs", { method: "POST", json: input }).then((r) => r.run),
    onSuccess: () => qc.invalidateQueries({ queryKey: runKeys.all }),
  });
}

export function useCancelRun(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ run: { id: string; status: RunStatus } }>(`${runUrl(id)}/cancel`, { method: "POST" }),
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: runKeys.detail(id) }),
        qc.invalidateQueries({ queryKey: [...runKeys.all, "logs", id] }),
        qc.invalidateQueries({ queryKey: [...runKeys.all, "list"] }),
      ]),
  });
}
