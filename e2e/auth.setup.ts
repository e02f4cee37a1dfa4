// Signs the first admin in through the login page once and saves the session for every spec.
import { test as setup } from "@playwright/test";
import { ADMIN_STATE } from "../playwright.config";
import { anonymousContext, ADMIN, signIn } from "./support/auth";

setup("sign in as the first admin", async ({ browser }) => {
  const context = await anonymousContext(browser);
  const page = await context.newPage();
  await signIn(page, ADMIN);
  await context.storageState({ path: ADMIN_STATE });
  await context.close();
});
