// The signed-in user's name and role for client components, handed down from the root layout
// (server). Only for hiding what a role cannot do: the server refuses it anyway.
"use client";
import { createContext, useContext, type ReactNode } from "react";
import { atLeast, type Role } from "@/lib/security/roles";

export interface SignedInUser {
  name: string;
  role: Role;
}

const UserContext = createContext<SignedInUser | null>(null);

export function RoleProvider({ user, children }: { user: SignedInUser | null; children: ReactNode }) {
  return <UserContext.Provider value={user}>{children}</UserContext.Provider>;
}

export function useSignedInUser(): SignedInUser | null {
  return useContext(UserContext);
}

/** True when the signed-in user's role covers `role`. */
export function useCan(role: Role): boolean {
  const user = useContext(UserContext);
  return user !== null && atLeast(user.role, role);
}
