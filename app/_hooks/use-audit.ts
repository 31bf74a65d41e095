"use client";
// The audit log (admin): filtered pages, newest first, and the list of actions for the filter.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { AuditEntryView } from "@/app/_lib/audit-log/list-audit-entries";
import { apiFetch } from "@/app/_lib/query/api-fetch";

export type AuditRow = Omit<AuditEntryView, "createdAt"> & { createdAt: string };
export type AuditFilter = { action?: string; actorId?: string; projectId?: string };

export const auditKeys = {
  all: ["audit"] as const,
  entries: (filter: AuditFilter) => [...auditKeys.all, "entries", filter] as const,
  actions: () => [...auditKeys.all, "actions"] as const,
};

const PAGE_SIZE = 50;

export function useAuditEntries(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: auditKeys.entries(filter),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
      for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
      if (pageParam) params.set("before", pageParam);
      return apiFetch<{ entries: AuditRow[]; nextBefore: string | null }>(`/api/audit?${params}`);
    },
    getNextPageParam: (last) => last.nextBefore,
  });
}

export function useAuditActions() {
  return useQuery({
    queryKey: auditKeys.actions(),
    queryFn: async () => (await apiFetch<{ actions: string[] }>("/api/audit/actions")).actions,
  });
}
