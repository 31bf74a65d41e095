// The evaluation stage end to end, with a real trainer agent process (the Python package, CPU,
// TINY random models): an admin creates a set from an imported file, adds two systems answered by
// GENERATE runs, asks to compare them; two judges judge every comparison blind (one with the
// keyboard, one with the mouse, a draft surviving a reload); the results page shows the stacked
// win / tie / loss bars, the numbers, and the verdict of a tiny reward model; the exports are hashed.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Browser, Page } from "@playwright/test";
import { db } from "@/app/_lib/db";
import { registerTinyRewardModel } from "@/app/_lib/testing/reward-model-fixture";
import { createUser } from "@/app/_lib/testing/factories";
import { e2e } from "./settings";
import { expect, signedInAs, signIn, test, type TestUser } from "./fixtures";
import { startAgent, stopAgent, tinyModel, useTrainer } from "./trainer-agent";

useTrainer();

/** Three single-turn CMtMedQA records in two departments. */
const CMTMEDQA = JSON.stringify([
  { id: "eval-1", cate1: "内科", cate2: "呼吸内科", instruction: "医生您好，我咳嗽三天了，有点发热，需要吃药吗？", input: "", output: "建议多喝水，体温超过38.5℃可服退烧药，持续不退请就医。", history: [] },
  { id: "eval-2", cate1: "内科", cate2: "消化内科", instruction: "吃完饭胃总是胀，怎么办？", input: "", output: "建议少食多餐，避免辛辣，若持续请做胃镜检查。", history: [] },
  { id: "eval-3", cate1: "儿科", cate2: "nan", instruction: "孩子发烧39度，可以用酒精擦身吗？", input: "", output: "不建议酒精擦浴，可温水擦浴并按体重服退烧药。", history: [] },
]);

async function addGeneratedSystem(page: Page, opts: { name: string; temperature: number; seed: number }) {
  const form = page.locator("form[aria-labelledby=eval-add-title]");
  await form.locator("#add-name").fill(opts.name);
  await form.locator("input[name=add-kind]").nth(2).check(); // a model directory on a trainer host
  await form.locator("#add-model-path").fill(tinyModel);
  await form.locator("#add-max-new").fill("12");
  await form.locator("#add-temperature").fill(String(opts.temperature));
  await form.locator("#add-seed").fill(String(opts.seed));
  await form.locator("button[type=submit]").click();
  await expect(form.getByRole("status")).toContainText(opts.name);
}

/** A judge's browser on the set's judging page. */
async function judgePage(browser: Browser, evalSetId: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page.request, await createUser({ roles: ["JUDGE"] }));
  await page.goto("/judge");
  await page.getByTestId(`judge-set-${evalSetId}`).click();
  await expect(page.getByTestId("judgment-form").or(page.getByTestId("judge-empty"))).toBeVisible({ timeout: 60_000 });
  return page;
}

test("create a set, generate two systems' answers, judge them blind, see the results and the RM verdict", async ({ page, browser }) => {
  test.setTimeout(600_000);
  const admin = await signedInAs(page, ["ADMIN"]);

  // 1. the set, from an imported file, two judges per comparison
  await page.goto("/admin/evaluations/new");
  await page.locator("input[name=eval-source][value=IMPORT]").check();
  await page.locator("#eval-name").fill(`评测 e2e ${Date.now()}`);
  await page.locator("#eval-file").setInputFiles({ name: "eval.json", mimeType: "application/json", buffer: Buffer.from(CMTMEDQA) });
  await page.locator("#eval-judges").fill("2");
  await page.locator("form button[type=submit]").click();
  await page.waitForURL(/\/admin\/evaluations\/(?!new)[^/]+$/, { timeout: 60_000 });
  const evalSetId = page.url().split("/").pop()!;
  // its prompts download, one line per prompt, for a model outside MedRank to answer
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-prompts").click()]);
  const downloaded = (await readFile(await download.path())).toString("utf8").trim().split("\n").map((l) => JSON.parse(l));
  expect(downloaded.map((l) => l.messages.at(-1).content)).toEqual(JSON.parse(CMTMEDQA).map((r: { instruction: string }) => r.instruction));

  // 2. two systems answered by GENERATE runs on a real agent: greedy, and sampled
  await addGeneratedSystem(page, { name: "tiny-greedy", temperature: 0, seed: 0 });
  await addGeneratedSystem(page, { name: "tiny-sampled", temperature: 0.9, seed: 7 });
  const agent = await startAgent(admin, "eval-agent", { leaseSeconds: 20 });
  try {
    for (const name of ["tiny-greedy", "tiny-sampled"]) {
      await expect(page.getByTestId(`eval-system-${name}`).locator(".badge")).toHaveText(/就绪|Ready/, { timeout: 300_000 });
    }
  } finally {
    await stopAgent(agent);
  }

  // 3. compare them: one comparison per prompt
  await page.goto(`/admin/evaluations/${evalSetId}/results`);
  await page.locator("#compare-a").selectOption({ label: "tiny-greedy" });
  await page.locator("#compare-b").selectOption({ label: "tiny-sampled" });
  await page.getByTestId("compare-submit").click();
  await expect(page.getByRole("status").filter({ hasText: /3/ })).toBeVisible();
  await expect(page.getByTestId("pair-pick")).toBeVisible();

  // 4. two judges, blind: no system name anywhere on their page
  const keyboardJudge = await judgePage(browser, evalSetId);
  // a draft survives a reload
  await keyboardJudge.keyboard.press("1");
  const saved = keyboardJudge.waitForResponse(
    (r) => r.url().endsWith("/draft") && r.request().method() === "PUT" && r.ok() && r.request().postDataJSON()?.draft?.professionalism === "right",
  );
  await keyboardJudge.keyboard.press("3");
  await saved;
  await keyboardJudge.reload();
  await expect(keyboardJudge.getByTestId("judge-draft-restored")).toBeVisible({ timeout: 60_000 });
  await expect(keyboardJudge.getByTestId("verdict-safety-left")).toBeChecked();
  await expect(keyboardJudge.getByTestId("verdict-professionalism-right")).toBeChecked();
  // the third row is next: one key, then Ctrl+Enter
  await keyboardJudge.keyboard.press("2");
  await expect(keyboardJudge.getByTestId("judge-submit")).toBeFocused();
  for (let n = 0; n < 3; n++) {
    if (n > 0) {
      await expect(keyboardJudge.locator("#patient-question")).toBeFocused();
      for (const key of ["1", "2", "3"]) await keyboardJudge.keyboard.press(key);
    }
    const body = await keyboardJudge.locator("body").innerText();
    expect(body).not.toContain("tiny-greedy");
    expect(body).not.toContain("tiny-sampled");
    await keyboardJudge.keyboard.press("Control+Enter");
    await expect(keyboardJudge.getByTestId("judge-notice")).toBeVisible();
  }
  await expect(keyboardJudge.getByTestId("judge-empty")).toBeVisible();

  const mouseJudge = await judgePage(browser, evalSetId);
  for (let n = 0; n < 3; n++) {
    await expect(mouseJudge.getByTestId("judgment-form")).toBeVisible();
    // an incomplete judgment is refused, naming what is missing
    if (n === 0) {
      await mouseJudge.getByTestId("judge-submit").click();
      await expect(mouseJudge.getByTestId("judge-error")).toBeVisible();
    }
    for (const d of ["safety", "professionalism", "fluency"]) await mouseJudge.getByTestId(`verdict-${d}-left`).locator("..").click();
    await mouseJudge.getByTestId("judge-submit").click();
    await expect(mouseJudge.getByTestId("judge-notice")).toBeVisible();
  }
  await expect(mouseJudge.getByTestId("judge-empty")).toBeVisible();
  // a third judge finds nothing left: each comparison had its two judges
  const thirdJudge = await judgePage(browser, evalSetId);
  await expect(thirdJudge.getByTestId("judge-empty")).toBeVisible();

  // 5. results: the stacked bars and the same numbers in the table
  await page.reload();
  await expect(page.getByTestId("results-summary")).toContainText("3");
  const chart = page.getByTestId("win-tie-loss-chart");
  await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
  for (const d of ["safety", "professionalism", "fluency"]) {
    const cells = await page.getByTestId(`results-row-${d}`).locator("td").allInnerTexts();
    expect(Number(cells[0])).toBe(3);
    const [win, tie, loss] = cells.slice(1, 4).map((c) => Number(c.split(" ")[0]));
    expect(win + tie + loss).toBe(3);
  }
  const stored = await db.evalJudgment.count({ where: { comparison: { evalSetId }, status: "SUBMITTED" } });
  expect(stored).toBe(6);

  // 6. the reward model's verdict beside it: a tiny RM scores both systems' answers once
  const rm = await registerTinyRewardModel({ name: `tiny RM ${Date.now()}` });
  await page.reload();
  await page.getByTestId("rm-pick").selectOption(rm.id);
  await expect(page.getByTestId("rm-coverage")).toContainText("0");
  await page.getByTestId("rm-score").click();
  await expect(page.getByTestId("rm-win-rate")).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId("rm-coverage")).toContainText(/6 \/ 6|6 of 6/);
  await expect(page.getByTestId("rm-agreement")).toBeVisible();
  expect(await db.evalRmScore.count({ where: { rewardModelId: rm.id } })).toBe(6);

  // 7. exports: the hash header is the sha256 of the bytes, and the same judgments give the same bytes
  for (const testId of ["export-csv", "export-json"]) {
    const href = await page.getByTestId(testId).getAttribute("href");
    const first = await page.request.get(href!);
    const bytes = await first.body();
    expect(first.headers()["x-content-sha256"]).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect((await (await page.request.get(href!)).body()).equals(bytes)).toBe(true);
    if (testId === "export-csv") expect(bytes.toString("utf8").trim().split("\n")).toHaveLength(7);
  }
  // the page as the README shows it (public/screenshots/evaluation-results-*.png are copied from these)
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.addStyleTag({ content: "nextjs-portal { display: none !important; }" });
  for (const locale of ["zh", "en"] as const) {
    await page.context().addCookies([{ name: "medrank-locale", value: locale, url: e2e.baseURL }]);
    await page.reload();
    await page.addStyleTag({ content: "nextjs-portal { display: none !important; }" });
    await expect(page.getByTestId("win-tie-loss-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: test.info().outputPath(`evaluation-results-${locale}.png`) });
  }
});
