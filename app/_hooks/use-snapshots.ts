"use client";
// Snapshots of a project: list, create (admin). Files are plain downloads (<a href>).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SnapshotView } from "@/app/_lib/export/snapshot-view";
import { apiFetch } from "@/app/_lib/query/api-fetch";

export const snapshotKeys = {
  all: ["snapshots"] as const,
  project: (projectId: string) => [...snapshotKeys.all, "project", projectId] as const,
};

export function useSnapshots(projectId: string) {
  return useQuery({
    queryKey: snapshotKeys.project(projectId),
    queryFn: async () => (await apiFetch<{ snapshots: SnapshotView[] }>(`/api/projects/${encodeURIComponent(projectId)}/snapshots`)).snapshots,
  });
}

export function useCreateSnapshot(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      (await apiFetch<{ snapshot: SnapshotView }>(`/api/projects/${encodeURIComponent(projectId)}/snapshots`, { method: "POST" })).snapshot,
    onSuccess: () => qc.invalidateQueries({ queryKey: snapshotKeys.all }),
  });
}
