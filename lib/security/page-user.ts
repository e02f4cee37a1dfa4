// The signed-in person for server components: the session cookie checked against the store. Pages
// call requirePageUser so that an expired or forged cookie (which passes proxy.ts) still goes to /login.
import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getStore } from "@/lib/store/get-store";
import { callerFromSession } from "./resolve-caller";
import { SESSION_COOKIE } from "./session-cookie";
import { atLeast, type Role } from "./roles";
import type { Caller } from "./caller";

export async function currentUser(): Promise<Caller | undefined> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return undefined;
  const { db } = await getStore();
  return callerFromSession(db, token);
}

/** The user, or a redirect to /login; a role below `role` is sent to the fleet page. */
export async function requirePageUser(role: Role = "viewer", next?: string): Promise<Caller> {
  const user = await currentUser();
  if (!user) redirect(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  if (!atLeast(user.role, role)) redirect("/");
  return user;
}
