"use client";
// The caller's personal API tokens: list, create (secret shown once), revoke.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/app/_lib/query/api-fetch";
import type { CreateTokenInput } from "@/app/_lib/tokens/create-token.schema";

export type TokenRow = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };
export type NewToken = TokenRow & { secret: string };

export const tokenKeys = {
  all: ["tokens"] as const,
  list: () => [...tokenKeys.all, "list"] as const,
};

export function useTokens() {
  return useQuery({
    queryKey: tokenKeys.list(),
    queryFn: async () => (await apiFetch<{ tokens: TokenRow[] }>("/api/tokens")).tokens,
  });
}

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: CreateTokenInput) => (await apiFetch<{ token: NewToken }>("/api/tokens", { method: "POST", json: input })).token,
    onSuccess: () => qc.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (tokenId: string) =>
      (await apiFetch<{ token: TokenRow }>(`/api/tokens/${encodeURIComponent(tokenId)}`, { method: "DELETE" })).token,
    onSuccess: () => qc.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
