"use client";
// One assignment of the caller: read it, submit its ranking, skip it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AssignmentView, OwnRanking } from "@/app/_lib/assignment/assignment-view";
import type { SkipAssignmentBody } from "@/app/_lib/assignment/skip-assignment.schema";
import type { SubmitRankingInput } from "@/app/_lib/assignment/submit-ranking.schema";
import { apiFetch } from "@/app/_lib/query/api-fetch";
import { queueKeys } from "./use-queue";

export const assignmentKeys = {
  all: ["assignments"] as const,
  detail: (assignmentId: string) => [...assignmentKeys.all, assignmentId] as const,
};

const url = (assignmentId: string) => `/api/assignments/${encodeURIComponent(assignmentId)}`;

export function useAssignment(assignmentId: string) {
  return useQuery({
    queryKey: assignmentKeys.detail(assignmentId),
    queryFn: async () => (await apiFetch<{ assignment: AssignmentView }>(url(assignmentId))).assignment,
  });
}

/** Submitting moves the queue on: the current item and the counts are refetched. */
export function useSubmitRanking(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (vars: { assignmentId: string; body: SubmitRankingInput }) =>
      apiFetch<{ ranking: OwnRanking; created: boolean }>(`${url(vars.assignmentId)}/ranking`, { method: "POST", json: vars.body }),
    onSuccess: (_data, vars) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: assignmentKeys.detail(vars.assignmentId) }),
        qc.invalidateQueries({ queryKey: queueKeys.project(projectId) }),
      ]),
  });
}

export function useSkipAssignment(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (vars: { assignmentId: string; body: SkipAssignmentBody }) =>
      apiFetch<{ assignment: AssignmentView }>(`${url(vars.assignmentId)}/skip`, { method: "POST", json: vars.body }),
    onSuccess: (_data, vars) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: assignmentKeys.detail(vars.assignmentId) }),
        qc.invalidateQueries({ queryKey: queueKeys.project(projectId) }),
      ]),
  });
}
