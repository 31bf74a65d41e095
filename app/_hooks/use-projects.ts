"use client";
// Projects: list (with item counts), one project, create, update settings.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateProjectInput } from "@/app/_lib/projects/create-project.schema";
import type { ProjectDetail } from "@/app/_lib/projects/get-project";
import type { ProjectListEntry } from "@/app/_lib/projects/list-projects";
import type { ProjectView } from "@/app/_lib/projects/project-view";
import type { UpdateProjectInput } from "@/app/_lib/projects/update-project.schema";
import { apiFetch } from "@/app/_lib/query/api-fetch";

export type ProjectRow = Omit<ProjectView, "createdAt"> & { createdAt: string };
export type ProjectDetailRow = Omit<ProjectDetail, "createdAt"> & { createdAt: string };
export type ProjectListRow = Omit<ProjectListEntry, "createdAt"> & { createdAt: string };

export const projectKeys = {
  all: ["projects"] as const,
  list: () => [...projectKeys.all, "list"] as const,
  detail: (projectId: string) => [...projectKeys.all, "detail", projectId] as const,
};

export function useProjects() {
  return useQuery({
    queryKey: projectKeys.list(),
    queryFn: async () => (await apiFetch<{ projects: ProjectListRow[] }>("/api/projects")).projects,
  });
}

export function useProject(projectId: string) {
  return useQuery({
    queryKey: projectKeys.detail(projectId),
    queryFn: async () => (await apiFetch<{ project: ProjectDetailRow }>(`/api/projects/${encodeURIComponent(projectId)}`)).project,
  });
}

export function useCreateProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: CreateProjectInput) =>
      (await apiFetch<{ project: ProjectRow }>("/api/projects", { method: "POST", json: input })).project,
    onSuccess: () => qc.invalidateQueries({ queryKey: projectKeys.all }),
  });
}

export function useUpdateProject(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: UpdateProjectInput) =>
      (await apiFetch<{ project: ProjectRow }>(`/api/projects/${encodeURIComponent(projectId)}`, { method: "PATCH", json: input }))
        .project,
    onSuccess: () => qc.invalidateQueries({ queryKey: projectKeys.all }),
  });
}
