"use client";
// Users (admin): list, create, update (name / roles / active), reset password.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/app/_lib/query/api-fetch";
import type { CreateUserInput } from "@/app/_lib/users/create-user.schema";
import type { ResetPasswordInput } from "@/app/_lib/users/reset-password.schema";
import type { UpdateUserInput } from "@/app/_lib/users/update-user.schema";
import type { UserView } from "@/app/_lib/users/user-view";

/** Dates travel as ISO strings. */
export type UserRow = Omit<UserView, "createdAt" | "updatedAt"> & { createdAt: string; updatedAt: string };

export const userKeys = {
  all: ["users"] as const,
  list: () => [...userKeys.all, "list"] as const,
};

export function useUsers() {
  return useQuery({
    queryKey: userKeys.list(),
    queryFn: async () => (await apiFetch<{ users: UserRow[] }>("/api/users")).users,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: CreateUserInput) => (await apiFetch<{ user: UserRow }>("/api/users", { method: "POST", json: input })).user,
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ userId, ...input }: UpdateUserInput & { userId: string }) =>
      (await apiFetch<{ user: UserRow }>(`/api/users/${encodeURIComponent(userId)}`, { method: "PATCH", json: input })).user,
    // the list changes at once; the server's answer then replaces the optimistic row
    onMutate: async ({ userId, ...input }) => {
      await qc.cancelQueries({ queryKey: userKeys.list() });
      const previous = qc.getQueryData<UserRow[]>(userKeys.list());
      qc.setQueryData<UserRow[]>(userKeys.list(), (rows) =>
        rows?.map((u) => (u.id === userId ? { ...u, ...(input as Partial<UserRow>) } : u)),
      );
      return { previous };
    },
    onError: (_err, _vars, ctx) => {
      if (ctx?.previous) qc.setQueryData(userKeys.list(), ctx.previous);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ userId, ...input }: ResetPasswordInput & { userId: string }) =>
      apiFetch<null>(`/api/users/${encodeURIComponent(userId)}/password`, { method: "POST", json: input }),
  });
}
