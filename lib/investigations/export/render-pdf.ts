// HTML → PDF with the server's Chromium (playwright-core; REDLINE_CHROMIUM, default /usr/bin/chromium).
// The page is self-contained (setContent, no navigation, JavaScript off), so nothing is fetched and
// no session is needed. The browser is closed whatever happens, and the whole render is bounded.
import "server-only";
import { chromium } from "playwright-core";
import { ApiError } from "@/lib/api/problem";

export const PDF_TIMEOUT_MS = 30_000;

export async function renderPdf(html: string, opts: { timeoutMs?: number; footer?: string } = {}): Promise<Buffer> {
  const timeout = opts.timeoutMs ?? PDF_TIMEOUT_MS;
  const browser = await chromium
    .launch({
      executablePath: process.env.REDLINE_CHROMIUM || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
      timeout,
    })
    .catch((err: unknown) => {
      throw new ApiError("internal_error", `Chromium could not start for the PDF (set REDLINE_CHROMIUM to its path): ${(err as Error).message.split("\n")[0]}`);
    });
  let timer: NodeJS.Timeout | undefined;
  try {
    const work = (async () => {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: "load", timeout });
      return page.pdf({
        format: "A4",
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: "<span></span>",
        footerTemplate: `<div style="font-size:8px;width:100%;text-align:center;color:#666">${opts.footer ?? "Redline postmortem"} · page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
        margin: { top: "14mm", bottom: "16mm", left: "12mm", right: "12mm" },
      });
    })();
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ApiError("internal_error", `The PDF took longer than ${timeout / 1000} s to render`)), timeout);
    });
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
    await browser.close().catch(() => {});
  }
}
