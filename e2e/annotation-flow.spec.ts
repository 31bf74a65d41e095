// The whole annotation loop in real browsers, one per person: an admin imports CMtMedQA
// records, two annotators rank the same turn differently, an adjudicator settles it, and
// the exported snapshot holds the adjudicated order and its pairs.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import type { Role } from "@/app/_generated/prisma/client";
import { db } from "@/app/_lib/db";
import { createProject, createUser } from "@/app/_lib/testing/factories";
import { expect, sameOrigin, signIn, test } from "./fixtures";

const LETTERS = ["A", "B", "C", "D"];

/** The first records of the shipped CMtMedQA sample, as an admin would upload them. */
function sampleFile(records: number): string {
  const all = JSON.parse(readFileSync(path.resolve("prisma/demo/cmtmedqa-test.json"), "utf8")) as unknown[];
  const file = path.join(mkdtempSync(path.join(tmpdir(), "medrank-e2e-")), "cmtmedqa-sample.json");
  writeFileSync(file, JSON.stringify(all.slice(0, records)));
  return file;
}

async function personPage(browser: Browser, roles: Role[]) {
  const user = await createUser({ roles });
  const page = await (await browser.newContext()).newPage();
  await signIn(page.request, user);
  return { user, page };
}

const activeAssignment = (annotatorId: string) =>
  db.assignment.findFirstOrThrow({ where: { annotatorId, status: "ACTIVE" } });

/** Places the answers in the given order of letters (one key each) and submits with the button. */
async function rankAndSubmit(page: Page, lettersBestFirst: string[]) {
  for (const letter of lettersBestFirst) await page.keyboard.press(letter.toLowerCase());
  await expect(page.getByTestId("order-summary")).toHaveAttribute("data-summary", lettersBestFirst.join(" > "));
  await page.getByTestId("submit-ranking").click();
  await expect(page.getByTestId("notice")).toContainText("已提交，下一条已加载。");
}

test("import → two blind rankings that disagree → adjudication → snapshot with the adjudicated order", async ({ browser }) => {
  test.setTimeout(480_000); // four people in four browsers on a shared machine
  const project = await createProject({ k: 4, annotatorsPerItem: 2, disagreementRule: "ANY_ORDER" });

  // the admin imports real CMtMedQA dialogues with the labelled reference + distractors builder
  const admin = await personPage(browser, ["ADMIN"]);
  await admin.page.goto(`/admin/projects/${project.id}/import`);
  await admin.page.locator("#import-file").setInputFiles(sampleFile(3));
  await admin.page.locator("#import-candidates").selectOption("reference-distractors");
  await admin.page.getByRole("button", { name: "开始导入" }).click();
  await expect(admin.page.getByTestId("import-result")).toContainText("已导入 cmtmedqa-sample.json", { timeout: 60_000 });
  const imported = await db.item.count({ where: { projectId: project.id, status: "OPEN" } });
  expect(imported).toBeGreaterThan(3);

  // two annotators open the queue and get the same turn, each in their own shuffled order
  const ann1 = await personPage(browser, ["ANNOTATOR"]);
  const ann2 = await personPage(browser, ["ANNOTATOR"]);
  await ann1.page.goto(`/annotate/${project.id}`);
  await expect(ann1.page.getByTestId("patient-message")).toBeVisible();
  await ann2.page.goto(`/annotate/${project.id}`);
  await expect(ann2.page.getByTestId("patient-message")).toBeVisible();
  const a1 = await activeAssignment(ann1.user.id);
  const a2 = await activeAssignment(ann2.user.id);
  expect(a2.itemId).toBe(a1.itemId);
  const item = await db.item.findUniqueOrThrow({ where: { id: a1.itemId }, include: { candidates: true } });
  const patientMessage = (item.prompt as { content: string }[]).at(-1)!.content;
  await expect(ann1.page.getByTestId("patient-message")).toContainText(patientMessage.slice(0, 12));

  // annotator 1 ranks in the order shown; annotator 2 puts annotator 1's best answer last
  await rankAndSubmit(ann1.page, LETTERS);
  const r1 = await db.ranking.findUniqueOrThrow({ where: { assignmentId: a1.id } });
  const best1 = r1.ranks.indexOf(1);
  const letter = LETTERS[a2.displayOrder.indexOf(best1)];
  await rankAndSubmit(ann2.page, [...LETTERS.filter((l) => l !== letter), letter]);
  await expect(ann2.page.getByTestId("notice")).toBeVisible();
  const r2 = await db.ranking.findUniqueOrThrow({ where: { assignmentId: a2.id } });
  expect(r2.ranks[best1]).toBe(4);
  await expect.poll(async () => (await db.item.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("ADJUDICATION");

  // annotators are kept out of admin routes and of each other's rankings
  expect((await ann1.page.request.get("/api/users")).status()).toBe(403);
  expect((await ann1.page.request.get(`/api/projects/${project.id}/snapshots`)).status()).toBe(403);
  // someone else's assignment does not exist for this annotator (404, as an unknown id)
  expect((await ann1.page.request.get(`/api/assignments/${a2.id}`)).status()).toBe(404);
  const other = await ann1.page.request.post(`/api/assignments/${a2.id}/ranking`, {
    data: { ranks: [1, 2, 3, 4], durationMs: 1000 },
    headers: sameOrigin,
  });
  expect(other.status()).toBe(404);
  await ann1.page.goto("/admin/projects");
  await expect(ann1.page.getByText("你没有权限访问此页面。")).toBeVisible();

  // an adjudicator who ranked nothing sees both rankings and adopts annotator #2's order
  const adj = await personPage(browser, ["ADJUDICATOR"]);
  await adj.page.goto(`/adjudicate/${project.id}`);
  await adj.page.getByRole("link").filter({ hasText: patientMessage.slice(0, 8) }).click();
  await expect(adj.page.getByTestId("rankings-compare")).toBeVisible({ timeout: 60_000 });
  await expect(adj.page.getByTestId("pair-matrix")).toBeVisible();
  await adj.page.locator("#adjudication-note").fill("#2 更安全：#1 的首选回答答非所问");
  await adj.page.getByTestId("adopt-#2").click();
  await expect(adj.page.getByTestId("undo-toast")).toContainText("已裁定");
  await expect
    .poll(async () => db.item.findUniqueOrThrow({ where: { id: item.id } }))
    .toMatchObject({ status: "FINAL", adjudicated: true, finalRanks: r2.ranks });

  // the admin exports a snapshot: the item's final order is the adjudicated one, with its 6 pairs
  await admin.page.goto(`/admin/projects/${project.id}/snapshots`);
  await admin.page.getByRole("button", { name: "创建新快照" }).click();
  await expect(admin.page.getByText("已创建快照 v1")).toBeVisible({ timeout: 60_000 });
  const list = admin.page.getByTestId("snapshot-list");
  await expect(list).toContainText("v1");
  const href = (file: string) => list.locator(`a[href$="/${file}"]`).first().getAttribute("href");

  const rankings = (await (await admin.page.request.get((await href("rankings.jsonl"))!)).text()).trim().split("\n").map((l) => JSON.parse(l));
  expect(rankings).toHaveLength(1);
  const line = rankings[0];
  const textAt = (position: number) => item.candidates.find((c) => c.position === position)!.text;
  const bestFirst = r2.ranks.map((rank, position) => ({ rank, position })).sort((a, b) => a.rank - b.rank).map((x) => textAt(x.position));
  expect(line.id).toBe(item.id);
  expect(line.responses).toEqual(bestFirst);
  expect(line.ranks).toEqual([1, 2, 3, 4]);
  expect(line.meta).toMatchObject({ adjudicated: true, replacement: false });
  expect(line.meta.annotators).toEqual(expect.arrayContaining([ann1.user.id, ann2.user.id]));
  expect(line.messages.at(-1)).toMatchObject({ role: "user" });

  const pairs = (await (await admin.page.request.get((await href("pairs.jsonl"))!)).text()).trim().split("\n").map((l) => JSON.parse(l));
  expect(pairs).toHaveLength(6);
  for (const p of pairs) {
    expect(bestFirst.indexOf(p.chosen[0].content)).toBeLessThan(bestFirst.indexOf(p.rejected[0].content));
  }
});
