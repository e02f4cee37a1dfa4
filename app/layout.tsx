// Root layout: theme applied before first paint, skip link, header, the client providers, and the
// signed-in user (read here, on the server, and handed to client components for hiding controls).
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import { Providers } from "@/components/providers";
import { SiteHeader } from "@/components/layout/site-header";
import { DEFAULT_THEME, THEME_INIT_SCRIPT } from "@/lib/client/theme";
import { readEnv } from "@/lib/config/env";
import { RoleProvider } from "@/components/auth/role-provider";
import { currentUser } from "@/lib/security/page-user";

export const metadata: Metadata = {
  title: { default: "Redline", template: "%s · Redline" },
  description: "Investigate Redis incidents: fleet health, diagnostics and playbooks.",
  // Inline so no extra file is needed: the red bar of the wordmark.
  icons: {
    icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='6' fill='%23151920'/%3E%3Crect x='13' y='6' width='6' height='20' rx='2' fill='%23ff5a4f'/%3E%3C/svg%3E",
  },
};

// Every page reads live data and server settings (the lab switch) at request time, never at build.
export const dynamic = "force-dynamic";

export const viewport: Viewport = {
  colorScheme: "dark light",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const caller = await currentUser();
  const user = caller ? { name: caller.name, role: caller.role } : null;
  return (
    // suppressHydrationWarning: the inline script may change data-theme before React hydrates.
    <html lang="en" data-theme={DEFAULT_THEME} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_INIT_SCRIPT }} />
      </head>
      <body className="bg-canvas text-fg antialiased">
        <a
          href="#main"
          className="sr-only rounded-md bg-primary px-4 py-2 font-semibold text-on-primary focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
        >
          Skip to content
        </a>
        <Providers>
          <RoleProvider user={user}>
            <SiteHeader lab={readEnv().labEnabled} user={user} />
            <main id="main" tabIndex={-1} className="mx-auto max-w-[96rem] px-4 py-6 outline-none sm:px-6">
              {children}
            </main>
          </RoleProvider>
        </Providers>
      </body>
    </html>
  );
}
