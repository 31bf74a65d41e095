// npm run screenshots — regenerates the README's screenshots of the ranking workspace in
// Chromium (public/screenshots/annotate-workspace-{zh,en}.png, 1440 × 900).
//
// Needs the app running with the demo data (`npm start` or `npm run dev`). It signs in as the
// demo annotator, opens the first project of the annotate page, places two answers with the
// keyboard (B, then A) so the order strip shows a ranking in progress, takes the screenshot, and
// takes the two places back (the draft it leaves is empty).
//   MEDRANK_URL          the app (default http://localhost:3000)
//   SCREENSHOT_EMAIL     default annotator1@medrank.local
//   SCREENSHOT_PASSWORD  default medrank-demo
//   SCREENSHOT_PROJECT   the project whose name contains this (default CMtMedQA, the demo's; else the first)
//   CHROMIUM_PATH        default /usr/bin/chromium (as for the browser tests)
import path from "node:path";
import { chromium, type Page } from "@playwright/test";

const base = process.env.MEDRANK_URL ?? "http://localhost:3000";
const email = process.env.SCREENSHOT_EMAIL ?? "annotator1@medrank.local";
const password = process.env.SCREENSHOT_PASSWORD ?? "medrank-demo";
const out = path.resolve(import.meta.dirname, "../public/screenshots");

async function signIn(page: Page) {
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  await page.request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" }, maxRedirects: 0 });
  const session = await (await page.request.get("/api/auth/session")).json();
  if (!session?.uid) throw new Error(`sign-in of ${email} at ${base} failed: is the app running with the demo accounts (npm start)?`);
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--font-render-hinting=none"],
  });
  try {
    for (const locale of ["zh", "en"] as const) {
      const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
      await context.addCookies([{ name: "medrank-locale", value: locale, url: base }]);
      const page = await context.newPage();
      await signIn(page);
      await page.goto("/annotate");
      const projects = page.locator("[data-testid^=annotate-project-]");
      const demo = projects.filter({ hasText: process.env.SCREENSHOT_PROJECT ?? "CMtMedQA" });
      const project = (await demo.count()) > 0 ? demo.first() : projects.first();
      if ((await project.count()) === 0) throw new Error(`${email} has no project to annotate at ${base}`);
      await project.click();
      await page.getByTestId("patient-message").waitFor({ timeout: 120_000 });
      await page.keyboard.press("b");
      await page.keyboard.press("a");
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.mouse.move(0, 0);
      // the development server's badge is not part of the app
      await page.addStyleTag({ content: "nextjs-portal { display: none !important; }" });
      const file = path.join(out, `annotate-workspace-${locale}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
      const emptied = page.waitForResponse((r) => r.url().endsWith("/draft") && r.request().method() === "PUT" && r.request().postDataJSON()?.state?.slots?.every((s: unknown) => s === null));
      await page.keyboard.press("Backspace");
      await page.keyboard.press("Backspace");
      await emptied;
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
