// Roles and their order: viewer < responder < admin. Every permission check goes through atLeast,
// so there is one place that decides whether a role covers another.
export const ROLES = ["viewer", "responder", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** True when `role` may do what `required` allows. */
export function atLeast(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/** Probes that scan or sample load the instance: a viewer reads, a responder runs those. */
export function roleForProbeCost(cost: "O(1)" | "bounded-scan" | "sampling"): Role {
  return cost === "O(1)" ? "viewer" : "responder";
}
