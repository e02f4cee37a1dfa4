// Next.js 16 request interception (formerly middleware.ts): a page request without a session
// cookie goes to /login?next=…. Only the cookie's presence is checked here, cheaply; the pages
// (requirePageUser) and every API route (withApi) verify the session for real.
import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE } from "@/lib/security/session-cookie";

export function proxy(req: NextRequest) {
  if (req.cookies.has(SESSION_COOKIE)) return NextResponse.next();
  const login = new URL("/login", req.url);
  const next = req.nextUrl.pathname + req.nextUrl.search;
  if (next !== "/") login.searchParams.set("next", next);
  return NextResponse.redirect(login);
}

export const config = {
  // Pages only: the API answers 401 itself, and the login page and static files need no session.
  matcher: ["/((?!api/|login|_next/|favicon).*)"],
};
