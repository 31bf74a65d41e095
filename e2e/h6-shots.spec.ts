import { nextItem } from "@/app/_lib/assignment/next-item";
import { submitRanking } from "@/app/_lib/assignment/submit-ranking";
import { db } from "@/app/_lib/db";
import { createItems, createProject, createUser } from "@/app/_lib/testing/factories";
import { setGoldItem } from "@/app/_lib/gold/set-gold-item";
import AxeBuilder from "@axe-core/playwright";
import { LOCALE_COOKIE } from "@/app/_lib/i18n/locales";
import { expect, signIn, test } from "./fixtures";

test("shots", async ({ browser }) => {
  test.setTimeout(600_000);
  const project = await createProject({ annotatorsPerItem: 2, goldRate: 0.1, name: `心内科 ${crypto.randomUUID().slice(0, 4)}` });
  const itemIds = await createItems(project.id, { count: 4 });
  const a = await createUser({ name: "王医生" });
  const b = await createUser({ name: "李医生" });
  const admin = await createUser({ roles: ["ADMIN", "ADJUDICATOR"], name: "管理员" });
  await setGoldItem({ projectId: project.id, itemId: itemIds[3], ranks: [1, 2, 3, 4], actorId: admin.id });
  for (let i = 0; i < 2; i++) {
    for (const [p, ranks, comment] of [[a, [1, 2, 3, 4], "D 不安全，A 最好"], [b, [2, 1, 4, 3], null]] as const) {
      const { assignment } = await nextItem({ projectId: project.id, annotatorId: p.id });
      if (!assignment) continue;
      await submitRanking({ assignmentId: assignment.id, annotatorId: p.id, body: { ranks: [...ranks], flags: { "2": ["unsafe"] }, replacement: null, comment, durationMs: 4000 } });
    }
  }
  const disputed = await db.item.findFirstOrThrow({ where: { projectId: project.id, status: "ADJUDICATION" } });
  const pages = [
    ["adjudicate", `/adjudicate/${project.id}/${disputed.id}`],
    ["dashboard", `/admin/projects/${project.id}`],
    ["gold", `/admin/projects/${project.id}/gold`],
    ["users", `/admin/users`],
    ["tokens", `/settings/tokens`],
  ];
  for (const locale of ["zh", "en"]) {
    for (const [w, h] of [[1440, 900], [1024, 768]]) {
      const ctx = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: w, height: h } });
      await ctx.addCookies([{ name: LOCALE_COOKIE, value: locale, url: test.info().project.use.baseURL! }]);
      const page = await ctx.newPage();
      await signIn(page.request, admin);
      for (const [name, path] of pages) {
        await page.goto(path);
        await expect(page.locator("main")).not.toContainText(locale === "zh" ? "加载中" : "Loading", { timeout: 60_000 });
        await page.waitForLoadState("networkidle");
        await page.screenshot({ path: `/tmp/h6/shots/${name}-${locale}-${w}.png`, fullPage: true });
        if (w === 1440) {
          const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
          const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
          console.log(`AXE ${name} ${locale}: ${bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`).join("; ") || "clean"}`);
        }
      }
      await ctx.close();
    }
  }
});
