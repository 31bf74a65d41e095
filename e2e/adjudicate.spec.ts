// Adjudication in a real browser: every adjudicator sees the same label for the same answer
// (and the annotators' comments in those labels), only disputed pairs stand out, a decision goes
// straight on to the next item with a short undo, and a decided item says it is decided.
import { nextItem } from "@/app/_lib/assignment/next-item";
import { submitRanking } from "@/app/_lib/assignment/submit-ranking";
import { db } from "@/app/_lib/db";
import { createItems, createProject, createUser } from "@/app/_lib/testing/factories";
import { expect, signedInAs, signIn, test } from "./fixtures";

/** `count` items, each ranked [1,2,3,4] by one annotator and [2,1,3,4] by another: disputed under ANY_ORDER. */
async function disputedItems(count: number, comment: string) {
  const project = await createProject({ annotatorsPerItem: 2 });
  const itemIds = await createItems(project.id, { count });
  const first = await createUser();
  const second = await createUser();
  for (let i = 0; i < count; i++) {
    for (const [person, ranks] of [
      [first, [1, 2, 3, 4]],
      [second, [2, 1, 3, 4]],
    ] as const) {
      const { assignment } = await nextItem({ projectId: project.id, annotatorId: person.id });
      await submitRanking({
        assignmentId: assignment!.id,
        annotatorId: person.id,
        body: { ranks: [...ranks], flags: {}, replacement: null, comment: person === first ? comment : null, durationMs: 40_000 },
      });
    }
  }
  return { project, itemIds, first };
}

/** label → answer text, as one adjudicator's page shows them */
async function labelsOnPage(page: import("@playwright/test").Page) {
  const rows = page.getByTestId("rankings-compare").locator("tbody tr");
  await expect(rows).toHaveCount(4);
  const out: Record<string, string> = {};
  for (const label of ["A", "B", "C", "D"]) out[label] = (await page.getByTestId(`candidate-${label}`).locator("th").innerText()).trim();
  return out;
}

test("adjudication labels are the same across viewers", async ({ page, browser }) => {
  test.slow(); // two adjudicators in two browsers
  const { project, itemIds, first } = await disputedItems(1, "D 不安全");
  const [itemId] = itemIds;
  await signedInAs(page, ["ADJUDICATOR"]);
  await page.goto(`/adjudicate/${project.id}/${itemId}`);
  const mine = await labelsOnPage(page);

  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const otherPage = await other.newPage();
  await signIn(otherPage.request, await createUser({ roles: ["ADJUDICATOR"] }));
  await otherPage.goto(`/adjudicate/${project.id}/${itemId}`);
  expect(await labelsOnPage(otherPage)).toEqual(mine);
  await other.close();

  // the annotator's "D" (their own screen) is shown as the stable label of that same answer
  const assignment = await db.assignment.findFirstOrThrow({ where: { itemId, annotatorId: first.id } });
  const theirD = await db.candidate.findFirstOrThrow({ where: { itemId, position: assignment.displayOrder[3] } });
  const label = Object.entries(mine).find(([, text]) => text.includes(theirD.text))![0];
  await expect(page.getByTestId("comment-#1")).toContainText(`${label} 不安全`);

  // [1,2,3,4] against [2,1,3,4]: one disputed pair of six; only its row is marked
  const matrix = page.getByTestId("pair-matrix");
  await expect(matrix.locator("tbody tr")).toHaveCount(6);
  await expect(matrix.locator("tbody tr[data-disputed]")).toHaveCount(1);
  await expect(matrix.locator("tbody tr[data-disputed]")).toContainText("不一致");
  // rank cells stand out only for the two answers whose ranks differ
  await expect(page.getByTestId("rankings-compare").locator("td[data-differs]")).toHaveCount(4);
});

test("a decision goes straight on to the next item, can be undone, and the badge tells the truth", async ({ page, browser }) => {
  test.slow(); // two adjudicators, three pages
  const { project, itemIds } = await disputedItems(2, "");
  const [firstItem, secondItem] = itemIds;
  await signedInAs(page, ["ADJUDICATOR"]);
  await page.goto(`/adjudicate/${project.id}/${firstItem}`);
  await expect(page.getByTestId("item-badge")).toHaveText("排序不一致");
  await page.getByTestId("adopt-#1").click();

  // straight on: the next disputed item, with the undo toast
  await expect(page).toHaveURL(new RegExp(`/adjudicate/${project.id}/${secondItem}$`));
  await expect(page.getByTestId("undo-toast")).toContainText("已裁定");
  expect((await db.item.findUniqueOrThrow({ where: { id: firstItem } })).status).toBe("FINAL");

  // undo: the decision is taken back and the item reopens for adjudication
  await page.getByTestId("undo").click();
  await expect(page).toHaveURL(new RegExp(`/adjudicate/${project.id}/${firstItem}\\?undone=1$`));
  await expect(page.getByText("裁定已撤销")).toBeVisible();
  await expect(page.getByTestId("item-badge")).toHaveText("排序不一致");
  expect(await db.item.findUniqueOrThrow({ where: { id: firstItem } })).toMatchObject({ status: "ADJUDICATION", adjudicated: false });
  expect(await db.auditLog.count({ where: { action: "adjudication.undo", data: { path: ["itemId"], equals: firstItem } } })).toBe(1);

  // decided again, for good: another adjudicator opening it sees it decided, not "orders differ"
  await page.getByTestId("adopt-#2").click();
  await expect(page).toHaveURL(new RegExp(`/adjudicate/${project.id}/${secondItem}$`));
  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const otherPage = await other.newPage();
  await signIn(otherPage.request, await createUser({ roles: ["ADJUDICATOR"] }));
  await otherPage.goto(`/adjudicate/${project.id}/${firstItem}`);
  await expect(otherPage.getByTestId("item-badge")).toHaveText("已裁定");
  await expect(otherPage.getByTestId("decision-order")).toBeVisible();
  await other.close();
});

test("with the adjudication aid on, the reward model's order appears only after the decision", async ({ page }) => {
  const { project, itemIds } = await disputedItems(1, "");
  const [itemId] = itemIds;
  const model = await db.rewardModel.create({
    data: { name: "rm-aid", projectId: project.id, status: "READY", source: "register", dir: "/nonexistent/rm-aid", manifest: {} },
  });
  await db.project.update({ where: { id: project.id }, data: { rewardModelId: model.id, showRmAfterAdjudication: true } });
  // the model's scores by position: it ranks position 1 first, then 2, 0, 3
  const candidates = await db.candidate.findMany({ where: { itemId }, orderBy: { position: "asc" } });
  const scores = [0.1, 0.9, 0.5, -0.2];
  await db.candidateScore.createMany({ data: candidates.map((c, i) => ({ rewardModelId: model.id, candidateId: c.id, raw: scores[i], normalized: scores[i] })) });

  await signedInAs(page, ["ADJUDICATOR"]);
  await page.goto(`/adjudicate/${project.id}/${itemId}`);
  const labels = await labelsOnPage(page);
  const labelOf = (position: number) => Object.entries(labels).find(([, text]) => text.includes(candidates[position].text))![0];
  // before the decision nothing of the model is on the page
  await expect(page.getByTestId("rm-order")).toHaveCount(0);
  await expect(page.getByText("rm-aid")).toHaveCount(0);

  await page.getByTestId("adopt-#1").click();
  // the page stays on the decided item and shows the model's order, in the page's own labels
  await expect(page.getByTestId("rm-order")).toContainText(`${labelOf(1)} > ${labelOf(2)} > ${labelOf(0)} > ${labelOf(3)}`);
  await expect(page.getByTestId("rm-order")).toContainText("rm-aid");
  await expect(page).toHaveURL(new RegExp(`/adjudicate/${project.id}/${itemId}$`));
  expect((await db.item.findUniqueOrThrow({ where: { id: itemId } })).status).toBe("FINAL");
});
