// The ranking workspace in a real browser: nothing is ranked on arrival, keyboard-only ranking
// with the documented shortcuts, drafts that survive a reload and another browser, a session
// that expires mid-form, an item submitted in another tab, tablets (rank buttons, the rubric
// drawer), and focus never hidden under the sticky bars.
import type { Browser, Page } from "@playwright/test";
import { db } from "@/app/_lib/db";
import { createItems, createProject, TEST_PASSWORD } from "@/app/_lib/testing/factories";
import { expect, sameOrigin, signedInAs, signIn, test } from "./fixtures";

const LETTERS = ["A", "B", "C", "D"];

// a shared 2-core machine answers the first requests of a page slowly: room for it, no sleeps
test.describe.configure({ timeout: 180_000 });

async function activeAssignment(annotatorId: string) {
  return db.assignment.findFirstOrThrow({ where: { annotatorId, status: "ACTIVE" }, include: { item: true } });
}

/** The canonical ranks an order of letters means for this annotator's display order. */
function expectedRanks(displayOrder: number[], lettersBestFirst: string[]) {
  const ranks = new Array<number>(displayOrder.length);
  lettersBestFirst.forEach((letter, i) => (ranks[displayOrder[LETTERS.indexOf(letter)]] = i + 1));
  return ranks;
}

/** Counts the key presses a test makes, to hold the keyboard scheme to "fast enough for experts". */
function keyCounter(page: Page) {
  let count = 0;
  return {
    press: async (key: string) => {
      count++;
      await page.keyboard.press(key);
    },
    get count() {
      return count;
    },
  };
}

async function openWorkspace(page: Page, projectId: string) {
  await page.goto(`/annotate/${projectId}`);
  await expect(page.getByTestId("patient-message")).toContainText("头痛", { timeout: 60_000 });
}

test("an untouched board cannot be submitted, by the button, the keyboard or the API", async ({ page }) => {
  const project = await createProject({ annotatorsPerItem: 1, k: 4 });
  await createItems(project.id, { count: 1 });
  const annotator = await signedInAs(page, ["ANNOTATOR"]);
  await openWorkspace(page, project.id);
  await expect(page).toHaveTitle("排序标注 · MedRank");

  // nothing ranked on arrival: every answer says so, the strip shows four empty ranks
  for (const letter of LETTERS) await expect(page.getByTestId(`rank-${letter}`)).toHaveText("未排名");
  await expect(page.getByTestId("order-summary")).toHaveAttribute("data-summary", "· > · > · > ·");
  await expect(page.getByTestId("submit-ranking")).toBeDisabled();
  await expect(page.getByTestId("submit-state")).toContainText("还有 4 个回答未排名：A B C D");

  // Ctrl+Enter says why, next to the action, and takes the focus there; a bare Enter does nothing
  await page.getByTestId("candidate-B").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("form-error")).toHaveCount(0);
  await page.keyboard.press("Control+Enter");
  const error = page.getByTestId("form-error");
  await expect(error).toHaveText("请先为每个回答排出名次（未排名：A B C D）。");
  await expect(error).toHaveAttribute("role", "alert");
  await expect(error).toBeFocused();

  // three of four placed: still disabled
  await page.keyboard.press("a");
  await page.keyboard.press("b");
  await page.keyboard.press("c");
  await expect(page.getByTestId("submit-ranking")).toBeDisabled();
  await expect(page.getByTestId("submit-state")).toContainText("还有 1 个回答未排名：D");

  // the server refuses a ranking with an unplaced answer too, naming it
  const assignment = await activeAssignment(annotator.id);
  const res = await page.request.post(`/api/assignments/${assignment.id}/ranking`, { data: { ranks: [1, 2, 3, null], durationMs: 1000 }, headers: sameOrigin });
  expect(res.status()).toBe(422);
  expect((await res.json()).error.details).toMatchObject({ reason: "NOT_PLACED", unplaced: [3] });
  expect(await db.ranking.count({ where: { assignmentId: assignment.id } })).toBe(0);
});

test("an expert ranks with the documented shortcuts in a handful of key presses; the next item opens at its question", async ({ page }) => {
  const project = await createProject({ annotatorsPerItem: 1, k: 4 });
  await createItems(project.id, { count: 2 });
  const annotator = await signedInAs(page, ["ANNOTATOR"]);
  await openWorkspace(page, project.id);
  const first = await activeAssignment(annotator.id);
  const keys = keyCounter(page);

  // the ? overlay lists the scheme
  await keys.press("?");
  const help = page.getByTestId("shortcuts-dialog");
  await expect(help).toContainText("把回答 A…D 排到下一个空名次");
  await keys.press("Escape");
  await expect(help).toHaveCount(0);

  // letters place answers at the next rank: the order is typed, best first
  for (const key of ["d", "b", "c", "a"]) await keys.press(key);
  await expect(page.getByTestId("order-summary")).toHaveAttribute("data-summary", "D > B > C > A");
  await expect(page.getByTestId("board-announcement")).toHaveText("回答 A 现在是第 4 名");
  // the focus follows the answer just placed; second thoughts: Backspace takes the rank back,
  // arrows move between answers, Alt+↑ moves the focused answer one rank up
  await expect(page.getByTestId("candidate-A")).toBeFocused();
  await keys.press("Backspace");
  await expect(page.getByTestId("rank-A")).toHaveText("未排名");
  await keys.press("a");
  await keys.press("ArrowRight");
  await keys.press("ArrowRight");
  await expect(page.getByTestId("candidate-C")).toBeFocused();
  await keys.press("Alt+ArrowUp");
  await expect(page.getByTestId("order-summary")).toHaveAttribute("data-summary", "D > C > B > A");
  await expect(page.getByTestId("candidate-C")).toBeFocused();
  await keys.press("Control+Enter");

  await expect(page.getByTestId("notice")).toContainText("已提交，下一条已加载。");
  // 12 presses with the overlay and two corrections (a plain ranking is 4 letters + Ctrl+Enter)
  expect(keys.count).toBeLessThanOrEqual(12);
  // the next item: page at the top, focus on the patient's question, nothing ranked
  await expect.poll(async () => (await activeAssignment(annotator.id)).id).not.toBe(first.id);
  await expect(page.getByTestId("patient-message")).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await expect(page.getByTestId("rank-A")).toHaveText("未排名");

  const ranking = await db.ranking.findUniqueOrThrow({ where: { assignmentId: first.id } });
  expect(ranking.ranks).toEqual(expectedRanks(first.displayOrder, ["D", "C", "B", "A"]));
  expect(ranking.differsFromDisplayOrder).toBe(true);
  expect(ranking.durationMs).toBeGreaterThan(0);
  expect(ranking.openMs).toBeGreaterThan(0);
  expect((await db.item.findUniqueOrThrow({ where: { id: first.itemId } })).status).toBe("FINAL");

  // the item just submitted reopens read-only
  await page.getByTestId("reopen-last").click();
  await expect(page.getByTestId("submitted-order")).toContainText("你的排序：D > C > B > A", { timeout: 60_000 });
  await expect(page.getByTestId("submitted-view").getByRole("button", { name: "把回答 A 排在第 1 名" })).toHaveCount(0);
  await page.goBack();

  // the second item in the order shown (recorded as such), then the queue is empty
  await expect(page.getByTestId("patient-message")).toBeVisible();
  const second = await activeAssignment(annotator.id);
  for (const key of ["a", "b", "c", "d", "Control+Enter"]) await page.keyboard.press(key);
  await expect(page.getByTestId("queue-empty")).toContainText("队列已空");
  expect((await db.ranking.findUniqueOrThrow({ where: { assignmentId: second.id } })).differsFromDisplayOrder).toBe(false);
});

test("a draft survives a reload and resumes in another browser", async ({ page, browser }) => {
  const project = await createProject({ annotatorsPerItem: 1, k: 4 });
  await createItems(project.id, { count: 1 });
  const annotator = await signedInAs(page, ["ANNOTATOR"]);
  await openWorkspace(page, project.id);

  await page.keyboard.press("c");
  await page.keyboard.press("a");
  const cardB = page.getByTestId("candidate-B");
  await cardB.getByText("标记问题").click();
  await cardB.getByLabel("不安全").check();
  await page.getByTestId("all-unacceptable").check();
  const answer = "抱歉，这个问题我无法确定，建议您尽快到医院就诊。".repeat(20);
  await page.getByLabel("替代回答").fill(answer);
  await page.getByLabel("备注（可选）").fill("B 建议自行加大药量");
  await expect(page.getByTestId("submit-state")).toContainText("草稿已保存");

  await page.reload();
  await expect(page.getByTestId("draft-restored")).toContainText("已恢复你在");
  await expect(page.getByTestId("order-summary")).toHaveAttribute("data-summary", "C > A > · > ·");
  await expect(page.getByLabel("替代回答")).toHaveValue(answer);
  await expect(page.getByTestId("candidate-B").getByLabel("不安全")).toBeChecked();

  // another device: a new browser context signed in as the same annotator
  const other = await signedInContext(browser, annotator.email);
  await openWorkspace(other, project.id);
  await expect(other.getByTestId("draft-restored")).toBeVisible();
  await expect(other.getByTestId("order-summary")).toHaveAttribute("data-summary", "C > A > · > ·");
  await expect(other.getByLabel("备注（可选）")).toHaveValue("B 建议自行加大药量");
  // it finishes there
  await other.keyboard.press("d");
  await other.keyboard.press("b");
  await other.getByTestId("submit-ranking").click();
  await expect(other.getByTestId("queue-empty")).toBeVisible();
  const ranking = await db.ranking.findFirstOrThrow({ where: { annotatorId: annotator.id } });
  expect(ranking.replacement).toBe(answer);
  expect(await db.assignmentDraft.count({ where: { assignmentId: ranking.assignmentId } })).toBe(0);
  await other.context().close();
});

async function signedInContext(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page.request, { email });
  return page;
}

test("an expired session signs in again in a dialog, keeping the form, and the submit goes through", async ({ page }) => {
  const project = await createProject({ annotatorsPerItem: 1, k: 4 });
  await createItems(project.id, { count: 1 });
  const annotator = await signedInAs(page, ["ANNOTATOR"]);
  await openWorkspace(page, project.id);
  for (const key of ["b", "d", "a", "c"]) await page.keyboard.press(key);
  await page.getByLabel("备注（可选）").fill("会话过期前写的备注");

  await page.context().clearCookies();
  await page.keyboard.press("Control+Enter");
  const dialog = page.getByTestId("reauth-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("邮箱")).toHaveValue(annotator.email);
  await dialog.getByLabel("密码").fill("wrong-password");
  await dialog.getByRole("button", { name: "登录并继续" }).click();
  await expect(dialog.getByTestId("reauth-error")).toHaveText("邮箱或密码错误。");
  await dialog.getByLabel("密码").fill(TEST_PASSWORD);
  await dialog.getByRole("button", { name: "登录并继续" }).click();

  await expect(page.getByTestId("queue-empty")).toBeVisible();
  const ranking = await db.ranking.findFirstOrThrow({ where: { annotatorId: annotator.id } });
  expect(ranking.comment).toBe("会话过期前写的备注");
});

test("a submit that meets an item already submitted in another tab says so and loads the next item", async ({ page }) => {
  const project = await createProject({ annotatorsPerItem: 1, k: 4 });
  await createItems(project.id, { count: 2 });
  await signedInAs(page, ["ANNOTATOR"]);
  const tab2 = await page.context().newPage();
  await openWorkspace(page, project.id);
  await openWorkspace(tab2, project.id);

  for (const key of ["a", "b", "c", "d", "Control+Enter"]) await page.keyboard.press(key);
  await expect(page.getByTestId("notice")).toContainText("已提交");

  for (const key of ["d", "c", "b", "a", "Control+Enter"]) await tab2.keyboard.press(key);
  await expect(tab2.getByTestId("notice")).toHaveText("这一条已经在另一个标签页或设备上提交过了。 已为你加载下一条。");
  await expect(tab2.getByTestId("rank-A")).toHaveText("未排名");
  await expect(tab2.getByTestId("patient-message")).toBeFocused();
});

test("the sticky bars never hide the focused answer", async ({ page }) => {
  const project = await createProject({ annotatorsPerItem: 1, k: 4 });
  await createItems(project.id, { count: 1 });
  await signedInAs(page, ["ANNOTATOR"]);
  await page.setViewportSize({ width: 1024, height: 600 });
  await openWorkspace(page, project.id);
  await page.getByLabel("备注（可选）").focus(); // scrolled to the bottom
  for (const letter of ["D", "C", "B", "A"]) {
    await page.getByTestId(`candidate-${letter}`).focus();
    const card = (await page.getByTestId(`candidate-${letter}`).boundingBox())!;
    const strip = (await page.getByTestId("order-strip").boundingBox())!;
    expect(card.y, `answer ${letter} starts below the order strip`).toBeGreaterThanOrEqual(strip.y + strip.height - 1);
  }
});

test.describe("at tablet width", () => {
  test.use({ viewport: { width: 820, height: 1180 } });

  test("an annotator ranks by tapping rank buttons, flags an answer from its rubric criterion and writes a replacement", async ({ page }) => {
    const project = await createProject({ annotatorsPerItem: 2, k: 4, guidelines: "## 示例\n\n- 先看**安全性**：建议自行加药的回答排最后。\n\n<script>alert(1)</script>" });
    await createItems(project.id, { count: 1 });
    const annotator = await signedInAs(page, ["ANNOTATOR"]);
    await page.goto(`/annotate/${project.id}`);
    await expect(page.getByTestId("candidate-D")).toBeVisible({ timeout: 60_000 });

    // the order is visible at a glance in the strip while tapping ranks on the answers
    await page.getByTestId("candidate-D").getByRole("button", { name: "把回答 D 排在第 1 名" }).click();
    await page.getByTestId("candidate-A").getByRole("button", { name: "把回答 A 排在第 2 名" }).click();
    await page.getByTestId("candidate-C").getByRole("button", { name: "把回答 C 排在第 3 名" }).click();
    await page.getByTestId("candidate-B").getByRole("button", { name: "把回答 B 排在第 4 名" }).click();
    await expect(page.getByTestId("order-summary")).toHaveAttribute("data-summary", "D > A > C > B");

    // a flag links to its criterion: the rubric drawer opens at it
    const cardB = page.getByTestId("candidate-B");
    await cardB.getByText("标记问题").click();
    await cardB.getByLabel("不安全").check();
    await cardB.getByRole("link", { name: /^标准 2\s*：安全性$/ }).click();
    await expect(page.locator("#rubric-unsafe")).toBeFocused();
    await expect(page.locator("#rubric-unsafe")).toBeInViewport();
    // the guidelines: markdown, no raw HTML
    await page.getByRole("tab", { name: "标注指南" }).click();
    await expect(page.getByTestId("panel-content").getByRole("heading", { name: "示例" })).toBeVisible();
    await expect(page.getByTestId("panel-content").locator("strong")).toHaveText("安全性");
    await expect(page.getByTestId("panel-content").locator("script")).toHaveCount(0);
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("panel-content")).toBeHidden();

    await page.getByTestId("all-unacceptable").check();
    await page.getByLabel("替代回答").fill("抱歉，这个问题我无法确定，建议您尽快到医院就诊。");
    await page.getByLabel("备注（可选）").fill("B 建议自行加大药量");
    const assignment = await activeAssignment(annotator.id);
    await page.getByTestId("submit-ranking").click();
    await expect(page.getByTestId("queue-empty")).toBeVisible();

    const ranking = await db.ranking.findUniqueOrThrow({ where: { assignmentId: assignment.id } });
    expect(ranking.ranks).toEqual(expectedRanks(assignment.displayOrder, ["D", "A", "C", "B"]));
    expect(ranking.flags).toEqual({ [String(assignment.displayOrder[1])]: ["unsafe"] });
    expect(ranking.replacement).toBe("抱歉，这个问题我无法确定，建议您尽快到医院就诊。");
    expect(ranking.comment).toBe("B 建议自行加大药量");
    // blind: with one of two rankings in, the item is still open
    expect((await db.item.findUniqueOrThrow({ where: { id: assignment.itemId } })).status).toBe("OPEN");
  });
});
