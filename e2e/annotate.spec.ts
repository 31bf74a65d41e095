// Ranking in a real browser: keyboard only, and drag and drop (at tablet width).
import type { Page } from "@playwright/test";
import { db } from "@/app/_lib/db";
import { createItems, createProject } from "@/app/_lib/testing/factories";
import { expect, signedInAs, test } from "./fixtures";

const LETTERS = ["A", "B", "C", "D"];

/** Presses Tab until the given card has the focus (keyboard only, no clicks). */
async function tabTo(page: Page, testId: string) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))) === testId) return;
  }
  throw new Error(`could not reach ${testId} with Tab`);
}

/** The letters of the cards from top (best) to bottom. */
async function boardOrder(page: Page) {
  return page.getByTestId("ranking-board").locator("> li").evaluateAll((cards) => cards.map((c) => c.getAttribute("data-testid")!.replace("candidate-", "")));
}

async function activeAssignment(annotatorId: string) {
  return db.assignment.findFirstOrThrow({ where: { annotatorId, status: "ACTIVE" }, include: { item: true } });
}

/** The canonical ranks an order of letters means for this annotator's display order. */
function expectedRanks(displayOrder: number[], lettersBestFirst: string[]) {
  const ranks = new Array<number>(displayOrder.length);
  lettersBestFirst.forEach((letter, i) => (ranks[displayOrder[LETTERS.indexOf(letter)]] = i + 1));
  return ranks;
}

test("an annotator ranks with the keyboard alone and the next item loads, until the queue is empty", async ({ page }) => {
  const project = await createProject({ annotatorsPerItem: 1, k: 4 });
  await createItems(project.id, { count: 2 });
  const annotator = await signedInAs(page, ["ANNOTATOR"]);

  await page.goto(`/annotate/${project.id}`);
  await expect(page.getByTestId("patient-message")).toContainText("头痛");
  await expect(page.getByRole("heading", { name: "排序标准" })).toBeVisible();
  const first = await activeAssignment(annotator.id);
  expect(await boardOrder(page)).toEqual(LETTERS);

  await tabTo(page, "candidate-A");
  await page.keyboard.press("4"); // A to the bottom
  await expect(page.getByTestId("candidate-A")).toHaveAttribute("data-rank", "4");
  await expect(page.getByTestId("candidate-A")).toBeFocused();
  await expect(page.getByTestId("board-announcement")).toHaveText("回答 A 现在是第 4 名");
  await tabTo(page, "candidate-D");
  await page.keyboard.press("1"); // D to the top
  await tabTo(page, "candidate-C");
  await page.keyboard.press("ArrowUp"); // C above B
  expect(await boardOrder(page)).toEqual(["D", "C", "B", "A"]);

  await page.keyboard.press("Enter");
  await expect(page.getByTestId("notice")).toHaveText("已提交，下一条已加载。");
  await expect.poll(async () => (await activeAssignment(annotator.id)).id).not.toBe(first.id);

  const ranking = await db.ranking.findUniqueOrThrow({ where: { assignmentId: first.id } });
  expect(ranking.ranks).toEqual(expectedRanks(first.displayOrder, ["D", "C", "B", "A"]));
  expect(ranking.durationMs).toBeGreaterThan(0);
  expect((await db.item.findUniqueOrThrow({ where: { id: first.itemId } })).status).toBe("FINAL");

  // the second item: submit its shown order straight away, then the queue is empty
  await expect(page.getByTestId("candidate-A")).toHaveAttribute("data-rank", "1");
  await tabTo(page, "candidate-B");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("queue-empty")).toContainText("队列已空");
});

test.describe("at tablet width", () => {
  test.use({ viewport: { width: 820, height: 1180 } });

  test("an annotator ranks by drag and drop, flags an answer and writes a replacement", async ({ page }) => {
    const project = await createProject({ annotatorsPerItem: 2, k: 4 });
    await createItems(project.id, { count: 1 });
    const annotator = await signedInAs(page, ["ANNOTATOR"]);

    await page.goto(`/annotate/${project.id}`);
    await expect(page.getByTestId("candidate-D")).toBeVisible();
    // the rubric stays beside the ranking at tablet width
    const rubric = await page.getByRole("heading", { name: "排序标准" }).boundingBox();
    const board = await page.getByTestId("ranking-board").boundingBox();
    expect(rubric!.x).toBeGreaterThan(board!.x + board!.width - 1);

    // drag D by its handle onto A (the top)
    const handle = (await page.getByTestId("drag-D").boundingBox())!;
    const target = (await page.getByTestId("candidate-A").boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2, handle.y - 10, { steps: 5 });
    await page.mouse.move(handle.x + handle.width / 2, target.y + 5, { steps: 20 });
    await page.mouse.up();
    await expect(page.getByTestId("candidate-D")).toHaveAttribute("data-rank", "1");
    expect(await boardOrder(page)).toEqual(["D", "A", "B", "C"]);

    // flag answer B as unsafe, declare all unacceptable with a written answer
    const cardB = page.getByTestId("candidate-B");
    await cardB.getByText("标记问题").click();
    await cardB.getByLabel("不安全").check();
    await page.getByTestId("all-unacceptable").check();
    await page.getByLabel("替代回答").fill("抱歉，这个问题我无法确定，建议您尽快到医院就诊。");
    await page.getByLabel("备注（可选）").fill("B 建议自行加大药量");
    const assignment = await activeAssignment(annotator.id);
    await page.getByTestId("submit-ranking").click();
    await expect(page.getByTestId("queue-empty")).toBeVisible();

    const ranking = await db.ranking.findUniqueOrThrow({ where: { assignmentId: assignment.id } });
    expect(ranking.ranks).toEqual(expectedRanks(assignment.displayOrder, ["D", "A", "B", "C"]));
    expect(ranking.flags).toEqual({ [String(assignment.displayOrder[1])]: ["unsafe"] });
    expect(ranking.replacement).toBe("抱歉，这个问题我无法确定，建议您尽快到医院就诊。");
    expect(ranking.comment).toBe("B 建议自行加大药量");
    // blind: with one of two rankings in, the item is still open
    expect((await db.item.findUniqueOrThrow({ where: { id: assignment.itemId } })).status).toBe("OPEN");
  });
});

test("an adjudicator adopts one of two disagreeing rankings; a second adjudicator is told it is already decided", async ({ page, browser }) => {
  const { nextItem } = await import("@/app/_lib/assignment/next-item");
  const { submitRanking } = await import("@/app/_lib/assignment/submit-ranking");
  const { createUser } = await import("@/app/_lib/testing/factories");
  const project = await createProject({ annotatorsPerItem: 2 });
  const [itemId] = await createItems(project.id, { count: 1 });
  for (const ranks of [
    [1, 2, 3, 4],
    [2, 1, 3, 4],
  ]) {
    const annotator = await createUser({ roles: ["ANNOTATOR"] });
    const { assignment } = await nextItem({ projectId: project.id, annotatorId: annotator.id });
    await submitRanking({ assignmentId: assignment!.id, annotatorId: annotator.id, body: { ranks, flags: {}, durationMs: 1000, comment: `意见 ${ranks.join("")}` } });
  }

  await signedInAs(page, ["ADJUDICATOR"]);
  const other = await browser.newPage();
  await signedInAs(other, ["ADJUDICATOR"]);
  for (const p of [page, other]) {
    await p.goto(`/adjudicate/${project.id}/${itemId}`);
    await expect(p.getByTestId("rankings-compare")).toContainText("标注员 #2");
    await expect(p.getByTestId("discordant-pairs")).toBeVisible();
  }
  await page.getByLabel("仲裁说明").fill("#1 更稳妥");
  await page.getByTestId("adopt-#1").click();
  await expect(page.getByRole("status")).toHaveText("裁定已保存。");
  expect(await db.item.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({ status: "FINAL", adjudicated: true, finalRanks: [1, 2, 3, 4] });

  await other.getByTestId("adopt-#2").click();
  await expect(other.getByTestId("adjudication-error")).toHaveText("This item has already been adjudicated by another adjudicator");
  await expect(other.getByTestId("decision")).toContainText("这一条已由其他仲裁专家裁定");
  await other.close();
});
