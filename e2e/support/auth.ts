// Signing in for browser specs: the first admin's credentials of this run, a sign-in through the
// login page, and fresh browser contexts without the admin Bearer header (for role specs).
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

export const ADMIN = { username: "admin", password: process.env.REDLINE_E2E_ADMIN_PASSWORD ?? "" };

export async function signIn(page: Page, user: { username: string; password: string }): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-user")).toHaveText(user.username);
}

/** A context as a person's browser has it: no Bearer header, no cookie. */
export function anonymousContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ storageState: undefined, extraHTTPHeaders: {} });
}
