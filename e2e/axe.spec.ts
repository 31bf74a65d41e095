// Accessibility of every main page, in both languages: no serious or critical axe violation
// (WCAG 2.1 A/AA rules), and a title naming the page. Each page is loaded with real data: a project with
// open, disputed and submitted items, a snapshot and a run.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { db } from "@/app/_lib/db";
import { createItems, createProject, createUser } from "@/app/_lib/testing/factories";
import { expect, signIn, test } from "./fixtures";
import { e2e } from "./settings";

test.describe.configure({ timeout: 900_000 }); // ~40 page loads on a shared machine

/** Serious or critical violations of one page, as readable lines (empty when clean). */
async function seriousViolations(page: Page, where: string): Promise<string[]> {
  // wait for what a user would see: the page's heading, and no "loading" text left
  await expect(page.locator("h1, h2").first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/^(加载中…|Loading…)$/)).toHaveCount(0, { timeout: 60_000 });
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${where}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
  const title = await page.title();
  // a title that names the page: "<page> · MedRank", not the bare app name
  return /^\S.* · MedRank$/.test(title) ? serious : [...serious, `${where}: no page title naming the page (${title})`];
}

async function expectNoSeriousViolations(page: Page, where: string) {
  expect(await seriousViolations(page, where)).toEqual([]);
}

async function setLanguage(page: Page, locale: "zh" | "en") {
  await page.context().addCookies([{ name: "medrank-locale", value: locale, url: e2e.baseURL }]);
}

/** The serious and critical violations of every page, in Chinese, then in English. */
async function violationsOf(page: Page, pages: string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const locale of ["zh", "en"] as const) {
    await setLanguage(page, locale);
    for (const path of pages) {
      await page.goto(path);
      problems.push(...(await seriousViolations(page, `${path} (${locale})`)));
    }
  }
  return problems;
}

/** A project with an item to rank, a disputed item, a submitted ranking, a snapshot and a run. */
async function seed(userId: string) {
  const { nextItem } = await import("@/app/_lib/assignment/next-item");
  const { submitRanking } = await import("@/app/_lib/assignment/submit-ranking");
  const project = await createProject({ annotatorsPerItem: 2, guidelines: "## 示例\n\n先看**安全性**。" });
  const [disputed] = await createItems(project.id, { count: 3 });
  for (const ranks of [
    [1, 2, 3, 4],
    [4, 3, 2, 1],
  ]) {
    const a = await createUser({ roles: ["ANNOTATOR"] });
    const { assignment } = await nextItem({ projectId: project.id, annotatorId: a.id });
    await submitRanking({ assignmentId: assignment!.id, annotatorId: a.id, body: { ranks, flags: { "3": ["unsafe"] }, durationMs: 20_000 } });
  }
  // the page user's own submitted item, then a current one
  const { assignment: mine } = await nextItem({ projectId: project.id, annotatorId: userId });
  await submitRanking({ assignmentId: mine!.id, annotatorId: userId, body: { ranks: [2, 1, 3, 4], flags: {}, durationMs: 30_000 } });
  const snapshot = await db.snapshot.create({
    data: { projectId: project.id, version: 1, contentHash: "axe", counts: { items: 0 }, rankings: "", pairs: "", raw: "" },
  });
  const run = await db.run.create({
    data: { projectId: project.id, kind: "RM", name: "rm-axe", config: {}, snapshotId: snapshot.id, modelPath: "/models/tiny" },
  });
  // its reward model, a quarter uploaded (the Reward models page)
  await db.rewardModel.create({
    data: {
      name: "rm-axe", runId: run.id, projectId: project.id, snapshotId: snapshot.id, snapshotHash: "axe", source: "upload", dir: "/nonexistent/rm-axe",
      manifest: {}, bytes: BigInt(4_000_000), formats: ["fp32", "int8"], heldOut: { pairwise_accuracy: 0.71, kendall_tau: 0.42 },
      files: { create: [{ name: "model.onnx", bytes: BigInt(4_000_000), sha256: "0".repeat(64), received: BigInt(1_000_000) }] },
    },
  });
  // a READY reward model the project chose: the dashboard's "reward model vs experts" panel, the settings' model list
  const chosen = await db.rewardModel.create({
    data: { name: "rm-axe-ready", projectId: project.id, status: "READY", source: "register", dir: "/nonexistent/rm-axe-ready", manifest: {} },
  });
  await db.project.update({ where: { id: project.id }, data: { rewardModelId: chosen.id, queueOrder: "UNCERTAINTY_FIRST", showRmAfterAdjudication: true } });
  return { project, disputed, submitted: mine!.id, run };
}

test("every main page has no serious or critical axe violation, in Chinese and in English", async ({ page, browser }) => {
  const user = await createUser({ roles: ["ANNOTATOR", "ADJUDICATOR", "ADMIN"] });
  const { project, disputed, submitted, run } = await seed(user.id);
  const pages = [
    "/",
    "/annotate",
    `/annotate/${project.id}`,
    `/annotate/${project.id}/submitted/${submitted}`,
    "/adjudicate",
    `/adjudicate/${project.id}`,
    `/adjudicate/${project.id}/${disputed}`,
    "/admin/projects",
    `/admin/projects/${project.id}`,
    `/admin/projects/${project.id}/import`,
    `/admin/projects/${project.id}/settings`,
    `/admin/projects/${project.id}/snapshots`,
    `/admin/projects/${project.id}/gold`,
    "/admin/users",
    "/admin/runs",
    "/admin/runs/new",
    `/admin/runs/${run.id}`,
    "/admin/agents",
    "/admin/reward-models",
    "/admin/audit",
    "/settings/tokens",
    "/settings/security",
  ];
  await signIn(page.request, user);
  // every page is checked before the verdict, so one run lists every problem
  const problems = await violationsOf(page, pages);

  // the sign-in page, signed out
  const anonymous = await (await browser.newContext()).newPage();
  for (const locale of ["zh", "en"] as const) {
    await setLanguage(anonymous, locale);
    await anonymous.goto("/login");
    problems.push(...(await seriousViolations(anonymous, `/login (${locale})`)));
  }
  await anonymous.context().close();
  expect(problems).toEqual([]);
});

/** An evaluation set of held-out turns with an imported system, a system waiting for its GENERATE run, and a finished PPO run. */
async function seedEvaluation(userId: string) {
  const { createEvalSet } = await import("@/app/_lib/evaluation/sets/create-eval-set");
  const { addModelSystem } = await import("@/app/_lib/evaluation/systems/add-model-system");
  const caller = { id: userId, email: "", name: "axe", roles: ["ADMIN" as const], via: "session" as const, mustChangePassword: false };
  const project = await createProject();
  await createItems(project.id, { count: 4 });
  const set = await createEvalSet({
    caller,
    input: { source: "PROJECT", name: `评测 ${project.name}`, description: "", projectId: project.id, multiTurn: false, count: 4, seed: "axe", judgesPerComparison: 2 },
  });
  const prompts = await db.evalPrompt.findMany({ where: { evalSetId: set.id } });
  await db.evalSystem.create({
    data: {
      evalSetId: set.id, name: "imported", kind: "IMPORTED", status: "READY",
      answers: { create: prompts.map((p) => ({ promptId: p.id, text: "建议多休息。", provenance: { source: "import", file: "a.jsonl" } })) },
    },
  });
  const generated = await addModelSystem({
    caller, evalSetId: set.id,
    input: { name: "base", kind: "BASE_MODEL", modelPath: "/models/base", decoding: { max_new_tokens: 256, temperature: 0, top_p: 1, seed: 0, max_prompt_tokens: 1024, batch_size: 8 } },
  });
  const ppo = await db.run.create({
    data: { projectId: project.id, kind: "PPO", status: "SUCCEEDED", name: "ppo-axe", config: {}, modelPath: "/models/sft", outputDir: "/runs/ppo-axe" },
  });
  return { set, generateRunId: generated.generateRunId, ppo };
}

test("the evaluation pages have no serious or critical axe violation, in Chinese and in English", async ({ page }) => {
  const user = await createUser({ roles: ["ADMIN"] });
  const { set, generateRunId, ppo } = await seedEvaluation(user.id);
  const pages = ["/admin/evaluations", "/admin/evaluations/new", `/admin/evaluations/${set.id}`, `/admin/runs/${ppo.id}`, `/admin/runs/${generateRunId}`];
  await signIn(page.request, user);
  expect(await violationsOf(page, pages)).toEqual([]);
});

test("the ranking workspace stays clean with answers placed, flags open, the drawer and the shortcut list", async ({ page }) => {
  const user = await createUser({ roles: ["ANNOTATOR"] });
  const project = await createProject({ annotatorsPerItem: 1, guidelines: "- 示例" });
  await createItems(project.id, { count: 1 });
  await signIn(page.request, user);
  await page.setViewportSize({ width: 1024, height: 768 });
  for (const locale of ["zh", "en"] as const) {
    await setLanguage(page, locale);
    await page.goto(`/annotate/${project.id}`);
    await expect(page.getByTestId("patient-message")).toBeVisible({ timeout: 60_000 });
    await page.keyboard.press("b");
    await page.keyboard.press("a");
    await page.getByTestId("candidate-A").locator("summary").click();
    await expectNoSeriousViolations(page, `workspace with a partial ranking (${locale})`);
    await page.getByRole("button", { name: locale === "zh" ? "排序标准与指南" : "Rubric and guidelines" }).click();
    await expectNoSeriousViolations(page, `workspace with the drawer open (${locale})`);
    await page.keyboard.press("Escape");
    await page.keyboard.press("?");
    await expect(page.getByTestId("shortcuts-dialog")).toBeVisible();
    await expectNoSeriousViolations(page, `shortcut list (${locale})`);
    await page.keyboard.press("Escape");
  }
});

test("the judging and results pages have no serious or critical axe violation, in Chinese and in English", async ({ page, browser }) => {
  const { createEvalFixture } = await import("@/app/_lib/evaluation/testing/eval-fixtures");
  const { nextComparison } = await import("@/app/_lib/evaluation/judging/next-comparison");
  const { submitJudgment } = await import("@/app/_lib/evaluation/judging/work-on-judgment");
  const fx = await createEvalFixture({ prompts: 4, judgesPerComparison: 2, departments: ["内科", "儿科"] });
  const judges = [await createUser({ roles: ["JUDGE"] }), await createUser({ roles: ["JUDGE"] })];
  for (const j of judges) {
    for (let n = 0; n < 3; n++) {
      const { judgment } = await nextComparison({ evalSetId: fx.set.id, judgeId: j.id });
      await submitJudgment({ judgmentId: judgment!.id, judgeId: j.id, body: { safety: "left", professionalism: n % 2 ? "tie" : "right", fluency: "left", note: "" } });
    }
  }
  const admin = await createUser({ roles: ["ADMIN"] });
  await signIn(page.request, admin);
  const judgePage = await (await browser.newContext()).newPage();
  await signIn(judgePage.request, await createUser({ roles: ["JUDGE"] }));
  const problems: string[] = [];
  for (const locale of ["zh", "en"] as const) {
    await setLanguage(page, locale);
    await page.goto(`/admin/evaluations/${fx.set.id}/results`);
    await expect(page.getByTestId("win-tie-loss-chart")).toBeVisible({ timeout: 60_000 });
    problems.push(...(await seriousViolations(page, `results (${locale})`)));
    await setLanguage(judgePage, locale);
    await judgePage.goto("/judge");
    problems.push(...(await seriousViolations(judgePage, `/judge (${locale})`)));
    await judgePage.goto(`/judge/${fx.set.id}`);
    await expect(judgePage.getByTestId("judgment-form")).toBeVisible({ timeout: 60_000 });
    await judgePage.keyboard.press("1");
    problems.push(...(await seriousViolations(judgePage, `/judge/[evalSetId] with a verdict chosen (${locale})`)));
  }
  await judgePage.context().close();
  expect(problems).toEqual([]);
});
