"use client";
// Adjudication: the queue of disputed items in a project, one item, and the decision.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AdjudicationItemView, AdjudicationNext, AdjudicationQueue } from "@/app/_lib/adjudication/adjudication-view";
import type { AdjudicationResult } from "@/app/_lib/adjudication/submit-adjudication";
import type { SubmitAdjudicationInput } from "@/app/_lib/adjudication/submit-adjudication.schema";
import { apiFetch } from "@/app/_lib/query/api-fetch";

export const adjudicationKeys = {
  all: ["adjudications"] as const,
  project: (projectId: string) => [...adjudicationKeys.all, projectId] as const,
  queue: (projectId: string, skip: number) => [...adjudicationKeys.project(projectId), "queue", skip] as const,
  item: (projectId: string, itemId: string) => [...adjudicationKeys.project(projectId), "item", itemId] as const,
};

const base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/adjudications`;

export const ADJUDICATION_PAGE_SIZE = 50;

export function useAdjudicationQueue(projectId: string, skip = 0) {
  return useQuery({
    queryKey: adjudicationKeys.queue(projectId, skip),
    queryFn: () => apiFetch<AdjudicationQueue>(`${base(projectId)}?take=${ADJUDICATION_PAGE_SIZE}&skip=${skip}`),
  });
}

export function useAdjudicationItem(projectId: string, itemId: string) {
  return useQuery({
    queryKey: adjudicationKeys.item(projectId, itemId),
    queryFn: () => apiFetch<AdjudicationItemView>(`${base(projectId)}/${encodeURIComponent(itemId)}`),
  });
}

export function useSubmitAdjudication(projectId: string, itemId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SubmitAdjudicationInput) =>
      apiFetch<AdjudicationResult & AdjudicationNext>(`${base(projectId)}/${encodeURIComponent(itemId)}`, { method: "POST", json: body }),
    // on success and on a lost race alike the item and the queue have changed
    onSettled: () => qc.invalidateQueries({ queryKey: adjudicationKeys.project(projectId) }),
  });
}

/** Takes a decision back within the undo window; the item returns to the queue. */
export function useUndoAdjudication(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, adjudicationId }: { itemId: string; adjudicationId: string }) =>
      apiFetch<{ itemId: string; undone: boolean }>(`${base(projectId)}/${encodeURIComponent(itemId)}/undo`, { method: "POST", json: { adjudicationId } }),
    onSettled: () => qc.invalidateQueries({ queryKey: adjudicationKeys.project(projectId) }),
  });
}
