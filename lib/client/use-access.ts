// Users and API tokens in the browser (admin): lists, creating a user, creating a token (its secret
// is in the create answer only, shown once) and revoking one. Every change refreshes its list.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiTokenInfo } from "@/lib/store/api-tokens-repo";
import type { Role } from "@/lib/security/roles";
import { apiFetch, shouldRetry } from "./api-fetch";
import { accessKeys } from "./query-keys";

export interface UserView {
  id: string;
  username: string;
  role: Role;
  createdAt: number;
}

export function useUsers() {
  return useQuery({
    queryKey: accessKeys.users(),
    queryFn: async ({ signal }) => (await apiFetch<{ users: UserView[] }>("/api/users", { signal })).users,
    staleTime: 30_000,
    retry: shouldRetry,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: { username: string; password: string; role: Role }) => (await apiFetch<{ user: UserView }>("/api/users", { method: "POST", json: input })).user,
    onSuccess: () => qc.invalidateQueries({ queryKey: accessKeys.users() }),
  });
}

export function useTokens() {
  return useQuery({
    queryKey: accessKeys.tokens(),
    queryFn: async ({ signal }) => (await apiFetch<{ tokens: ApiTokenInfo[] }>("/api/tokens", { signal })).tokens,
    staleTime: 30_000,
    retry: shouldRetry,
  });
}

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: { name?: string; role: Role; expiresInDays: number }) => apiFetch<{ token: string; apiToken: ApiTokenInfo }>("/api/tokens", { method: "POST", json: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: accessKeys.tokens() }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => apiFetch<void>(`/api/tokens/${id}`, { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: accessKeys.tokens() }),
  });
}
