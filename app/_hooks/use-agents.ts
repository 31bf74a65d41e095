"use client";
// Trainer agents and their tokens: list, create (the secret comes back once), revoke.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/app/_lib/query/api-fetch";
import type { CreateAgentTokenInput } from "@/app/_lib/runs/agent-token.schema";
import type { AgentView } from "@/app/_lib/runs/run-view";

export const agentKeys = { all: ["agents"] as const };

export function useAgents() {
  return useQuery({
    queryKey: agentKeys.all,
    queryFn: () => apiFetch<{ agents: AgentView[] }>("/api/agent-tokens").then((r) => r.agents),
    refetchInterval: 10_000, // "last seen" is the point of the page
  });
}

export function useCreateAgentToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateAgentTokenInput) =>
      apiFetch<{ agent: AgentView; token: string }>("/api/agent-tokens", { method: "POST", json: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: agentKeys.all }),
  });
}

export function useRevokeAgentToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (agentId: string) =>
      apiFetch<{ agent: AgentView }>(`/api/agent-tokens/${encodeURIComponent(agentId)}/revoke`, { method: "POST" }),
    onSettled: () => qc.invalidateQueries({ queryKey: agentKeys.all }),
  });
}
