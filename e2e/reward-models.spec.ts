// A trained reward model inside the app, end to end: a real trainer agent (the Python package, on
// the CPU, with a TINY random model) runs an RM run on snapshot v1 of a project, exports the model
// and uploads it; the model appears on the Reward models page; chosen for the project, it scores
// the items in the background, the dashboard shows its agreement on final rankings it never saw,
// and switching the project to uncertainty-first changes which item an annotator is served.
import { db } from "@/app/_lib/db";
import { createSnapshot } from "@/app/_lib/export/create-snapshot";
import { launchRun } from "@/app/_lib/runs/launch-run";
import { launchRunSchema } from "@/app/_lib/runs/launch-run.schema";
import { createItems, createProject, createRanking, createUser } from "@/app/_lib/testing/factories";
import { expect, signIn, signedInAs, test } from "./fixtures";
import { asCaller, startAgent, stopAgent, tinyModel, useTrainer } from "./trainer-agent";
import { e2e } from "./settings";

useTrainer();

test("an RM run's model is measured on rankings it never saw and orders the queue by its uncertainty", async ({ page }) => {
  test.setTimeout(900_000);
  const admin = await signedInAs(page, ["ADMIN"]);
  const project = await createProject({ k: 4, annotatorsPerItem: 1 });
  const items = await createItems(project.id, { count: 24 });
  const t0 = Date.now() - 86_400_000;
  for (const [n, id] of items.entries()) await db.item.update({ where: { id }, data: { createdAt: new Date(t0 + n * 1000) } });
  const ranker = await createUser({ roles: ["ANNOTATOR"], name: "排序专家" });
  const finalize = async (ids: string[]) => {
    for (const [n, id] of ids.entries()) {
      const ranks = n % 3 === 0 ? [2, 1, 3, 4] : [1, 2, 3, 4];
      await createRanking({ itemId: id, annotatorId: ranker.id, ranks });
      await db.item.update({ where: { id }, data: { status: "FINAL", finalRanks: ranks, finalizedAt: new Date(), rankingCount: 1 } });
    }
  };
  // 12 final rankings frozen as snapshot v1 (the model trains on them), then 4 more it never sees; 8 items stay open
  await finalize(items.slice(0, 12));
  const snapshot = await createSnapshot({ projectId: project.id, actorId: admin.id });
  await finalize(items.slice(12, 16));
  const open = items.slice(16);

  const run = await launchRun({
    caller: asCaller(admin),
    input: launchRunSchema.parse({
      kind: "RM",
      projectId: project.id,
      modelPath: tinyModel,
      snapshot: { mode: "existing", snapshotId: snapshot.id },
      config: { max_steps: 4, per_device_batch_size: 2, eval_every: 2, save_every: 2, max_length: 128 },
    }),
  });
  const agent = await startAgent(admin, "agent");
  try {
    // the model appears on the Reward models page, READY, once the agent has exported and uploaded it
    await page.goto("/admin/reward-models");
    const model = await expect
      .poll(async () => (await db.rewardModel.findFirst({ where: { runId: run.id, status: "READY" } }))?.id ?? null, { timeout: 600_000, intervals: [1000] })
      .not.toBeNull()
      .then(() => db.rewardModel.findFirstOrThrow({ where: { runId: run.id } }));
    await page.reload();
    await expect(page.getByTestId(`reward-model-${model.id}`)).toContainText(run.name);
  } finally {
    await stopAgent(agent);
  }
  const model = await db.rewardModel.findFirstOrThrow({ where: { runId: run.id } });
  expect(model.snapshotId).toBe(snapshot.id);

  // before the switch: today's order serves the oldest open item
  const first = await createUser({ roles: ["ANNOTATOR"] });
  const before = await signedInPage(page, first, project.id);
  expect(before).toBe(open[0]);

  // the admin chooses the model and orders the queue by its uncertainty, with no random share
  await signIn(page.request, admin);
  await page.goto(`/admin/projects/${project.id}/settings`);
  await page.getByLabel("选用的奖励模型").selectOption(model.id);
  await page.getByLabel("队列顺序").selectOption("UNCERTAINTY_FIRST");
  await page.getByLabel("随机抽取比例（%）").fill("0");
  await page.getByRole("button", { name: "更新奖励模型设置" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();

  // the dashboard shows the model's agreement on the 4 final rankings outside its snapshot
  await page.goto(`/admin/projects/${project.id}`);
  const panel = page.getByTestId("rm-agreement");
  await expect(async () => {
    await page.reload();
    await expect(panel.getByTestId("rm-measured")).toContainText("基于 4 个模型训练时未见过的最终排序（最终排序共 16 个）", { timeout: 5_000 });
  }).toPass({ timeout: 180_000, intervals: [1000] });
  const rows = await db.rmItemAgreement.findMany({ where: { rewardModelId: model.id } });
  expect(rows.map((r) => r.itemId).sort()).toEqual(items.slice(12, 16).sort());
  const agree = rows.reduce((s, r) => s + r.agree, 0);
  const pairs = rows.reduce((s, r) => s + r.pairs, 0);
  await expect(panel.getByTestId("rm-pairwise")).toHaveText(`${((100 * agree) / pairs).toFixed(1)}%`);
  await expect(panel.getByTestId("rm-ceiling")).toContainText("排序专家");

  // every open item has its uncertainty; the next annotator gets the most uncertain one, not the oldest
  await expect.poll(() => db.itemUncertainty.count({ where: { rewardModelId: model.id, itemId: { in: open } } }), { timeout: 120_000 }).toBe(8);
  const margins = await db.itemUncertainty.findMany({ where: { rewardModelId: model.id, itemId: { in: open.slice(1) } }, orderBy: [{ minMargin: "asc" }, { itemId: "asc" }] });
  const byUncertainty = margins.map((m) => m.itemId);
  expect(byUncertainty).not.toEqual(open.slice(1)); // the model's order is not the age order
  const second = await createUser({ roles: ["ANNOTATOR"] });
  expect(await signedInPage(page, second, project.id)).toBe(byUncertainty[0]);
  expect((await db.assignment.findFirstOrThrow({ where: { annotatorId: second.id } })).pickedBy).toBe("UNCERTAINTY");
});

/** Signs `user` in, opens their annotation workspace and returns the id of the item it shows. */
async function signedInPage(page: import("@playwright/test").Page, user: { email: string; id: string }, projectId: string): Promise<string> {
  await page.context().clearCookies();
  await signIn(page.request, user);
  await page.goto(`/annotate/${projectId}`);
  await expect(page.getByTestId("patient-message")).toBeVisible({ timeout: 60_000 });
  const assignment = await db.assignment.findFirstOrThrow({ where: { annotatorId: user.id, status: "ACTIVE" }, include: { item: { select: { prompt: true } } } });
  const prompt = assignment.item.prompt as { content: string }[];
  await expect(page.getByTestId("patient-message")).toContainText(prompt.at(-1)!.content);
  return assignment.itemId;
}
