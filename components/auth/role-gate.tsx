// Renders its children only for a role that covers `role`: hides controls the server would refuse.
"use client";
import type { ReactNode } from "react";
import type { Role } from "@/lib/security/roles";
import { useCan } from "./role-provider";

export function RoleGate({ role, children }: { role: Role; children: ReactNode }) {
  return useCan(role) ? <>{children}</> : null;
}
