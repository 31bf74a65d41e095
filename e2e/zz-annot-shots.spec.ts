import { test } from "@playwright/test";
import { createItems, createProject, createUser } from "@/app/_lib/testing/factories";
import { nextItem } from "@/app/_lib/assignment/next-item";
import { submitRanking } from "@/app/_lib/assignment/submit-ranking";
import { db } from "@/app/_lib/db";
import { signIn } from "/work/main/e2e/fixtures";

test("screens", async ({ page }) => {
  test.setTimeout(180_000);
  const project = await createProject({ annotatorsPerItem: 2, allowTies: true });
  const [id1] = await createItems(project.id, { count: 3 });
  const long = "您好，根据您描述的症状，".repeat(30);
  const item = await db.item.findUniqueOrThrow({ where: { id: id1 }, include: { candidates: true } });
  await db.candidate.update({ where: { id: item.candidates[0].id }, data: { text: long } });
  await db.item.update({ where: { id: id1 }, data: { prompt: [{ role: "user", content: "我孩子三岁，发烧到39度两天了。" }, { role: "assistant", content: "请问有没有咳嗽、流涕或者皮疹？精神状态怎么样？" }, { role: "user", content: "有点咳嗽，精神还可以，能吃布洛芬吗？" }] } });
  const user = await createUser({ roles: ["ANNOTATOR", "ADJUDICATOR"] });
  await signIn(page.request, user);
  for (const [w, h] of [[1366, 900], [820, 1180]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.goto(`/annotate/${project.id}`);
    await page.getByTestId("ranking-board").waitFor();
    await page.screenshot({ path: `/tmp/shot-annotate-${w}.png`, fullPage: true });
  }
  // a disputed item for the adjudication screen
  const p2 = await createProject({ annotatorsPerItem: 2 });
  const [i2] = await createItems(p2.id, { count: 1 });
  for (const [ranks, rep] of [[[1, 2, 3, 4], null], [[2, 1, 4, 3], "抱歉，这个问题我无法确定，建议到儿科就诊。"]] as const) {
    const a = await createUser({ roles: ["ANNOTATOR"] });
    const { assignment } = await nextItem({ projectId: p2.id, annotatorId: a.id });
    await submitRanking({ assignmentId: assignment!.id, annotatorId: a.id, body: { ranks: [...ranks], flags: { "2": ["unsafe", "cold_tone"] }, replacement: rep, comment: "候选3 剂量过大", durationMs: 41000 } });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`/adjudicate/${p2.id}/${i2}`);
  await page.getByTestId("rankings-compare").waitFor();
  await page.screenshot({ path: `/tmp/shot-adjudicate-1366.png`, fullPage: true });
  await page.goto(`/adjudicate`);
  await page.screenshot({ path: `/tmp/shot-adjudicate-list.png`, fullPage: true });
});
