// Quality watch in a real browser: an admin makes an item a gold item with its expected order,
// the queue serves it to an annotator unannounced, and the dashboard scores the annotator on it;
// very fast rankings raise an alert with n and a confidence interval.
import { nextItem } from "@/app/_lib/assignment/next-item";
import { submitRanking } from "@/app/_lib/assignment/submit-ranking";
import { db } from "@/app/_lib/db";
import { createItems, createProject, createUser } from "@/app/_lib/testing/factories";
import { expect, signedInAs, test } from "./fixtures";

const tag = () => crypto.randomUUID().slice(0, 8);

test("gold items score an annotator", async ({ page }) => {
  test.slow(); // the gold page, then the dashboard
  await signedInAs(page, ["ADMIN"]);
  const project = await createProject({ annotatorsPerItem: 1 });
  const itemIds = await createItems(project.id, { count: 6 });
  const goldId = itemIds[0];

  await page.goto(`/admin/projects/${project.id}/gold`);
  await page.getByLabel("混入比例（%，0–50）").fill("50");
  await page.getByRole("button", { name: "保存比例" }).click();
  await expect(page.getByText("已保存：50%")).toBeVisible();

  // expected order: the answer labelled A best, then B, C, D
  await page.getByTestId(`make-gold-${goldId}`).click();
  const editor = page.getByTestId("gold-editor");
  for (const [label, rank] of [["A", "1"], ["B", "2"], ["C", "3"], ["D", "4"]]) await editor.getByLabel(`${label} 的名次`).selectOption(rank);
  await editor.getByTestId("save-gold").click();
  await expect(page.getByTestId(`gold-row-${goldId}`)).toContainText("A > B > C > D");
  const gold = await db.item.findUniqueOrThrow({ where: { id: goldId } });
  expect(gold.status).toBe("GOLD");

  // the annotator works through the queue; somewhere in it, unannounced, is the gold item.
  // They rank every item best-first by canonical position, which on the gold item swaps the
  // expected order's last two answers (5 of 6 pairs as expected)
  const annotator = await createUser({ name: `金 ${tag()}` });
  const expected = gold.goldRanks;
  const swapped = expected.map((r) => (r === 3 ? 4 : r === 4 ? 3 : r));
  const served: string[] = [];
  for (;;) {
    const { assignment } = await nextItem({ projectId: project.id, annotatorId: annotator.id });
    if (!assignment) break;
    served.push(assignment.item.id);
    const ranks = assignment.item.id === goldId ? swapped : [1, 2, 3, 4];
    await submitRanking({ assignmentId: assignment.id, annotatorId: annotator.id, body: { ranks, flags: {}, replacement: null, comment: null, durationMs: 50_000 } });
  }
  expect(served).toContain(goldId);
  expect(served).toHaveLength(6);

  await page.goto(`/admin/projects/${project.id}`);
  const row = page.getByTestId(`quality-row-${annotator.name}`);
  // 5 of 6 pairs, with its interval and n, greyed out: one gold item is not enough to judge anyone
  await expect(row.getByTestId("quality-gold")).toContainText("83.3%");
  await expect(row.getByTestId("quality-gold")).toContainText("n = 6");
  await expect(row.getByTestId("quality-gold")).toContainText("1 个条目");
  await expect(row.getByTestId("quality-gold")).toContainText("n 太小");
  // the gold item is not work: progress counts the five other items, the gold one apart
  await expect(page.getByTestId("dash-status-FINAL")).toHaveText("5");
  await expect(page.getByTestId("dash-gold-count")).toContainText("1");
  await page.goto(`/admin/projects/${project.id}/gold`);
  await expect(page.getByTestId(`gold-row-${goldId}`)).toContainText("83.3%");
});

test("very fast rankings raise an alert with n and a confidence interval", async ({ page }) => {
  await signedInAs(page, ["ADMIN"]);
  const project = await createProject({ annotatorsPerItem: 1 });
  const itemIds = await createItems(project.id, { count: 12 });
  const rushed = await createUser({ name: `快 ${tag()}` });
  for (const itemId of itemIds) {
    const assignment = await db.assignment.create({
      data: { itemId, annotatorId: rushed.id, status: "SUBMITTED", displayOrder: [0, 1, 2, 3], leaseExpiresAt: new Date(), finishedAt: new Date() },
    });
    await db.ranking.create({ data: { assignmentId: assignment.id, itemId, annotatorId: rushed.id, ranks: [2, 1, 3, 4], durationMs: 800 } });
  }
  await page.goto(`/admin/projects/${project.id}`);
  const alerts = page.getByTestId("quality-alerts");
  await expect(alerts).toContainText(`${rushed.name}：100.0% 的排序用时不足 10 秒`);
  await expect(alerts).toContainText("n = 12");
  await expect(page.getByTestId(`quality-row-${rushed.name}`).getByTestId("quality-fast")).toContainText("75.8%–100.0%");
});
