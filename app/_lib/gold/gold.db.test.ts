// Gold items against a real PostgreSQL: an admin sets the expected order, the queue mixes the
// item in, annotators rank it like any other, and the dashboard scores them on it.
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { nextItem } from "../assignment/next-item";
import { submitRanking } from "../assignment/submit-ranking";
import { dashboardQuerySchema } from "../metrics/dashboard-query.schema";
import { getProjectDashboard } from "../metrics/get-project-dashboard";
import { createItems, createProject, createUser } from "../testing/factories";
import { listGold } from "./list-gold";
import { setGoldItem, setGoldRate, unsetGoldItem } from "./set-gold-item";

async function rankNext(projectId: string, annotatorId: string, ranks: number[]) {
  const { assignment } = await nextItem({ projectId, annotatorId });
  if (!assignment) throw new Error("expected an item");
  await submitRanking({ assignmentId: assignment.id, annotatorId, body: { ranks, flags: {}, replacement: null, comment: null, durationMs: 45_000 } });
  return assignment.item.id;
}

describe("gold items", () => {
  it("are served to every annotator at the project's rate and score them on the dashboard", async () => {
    const admin = await createUser({ roles: ["ADMIN"] });
    // one annotator per item: a gold item must still reach both annotators
    const project = await createProject({ annotatorsPerItem: 1 });
    const [goldId, workId] = await createItems(project.id, { count: 2 });
    await setGoldItem({ projectId: project.id, itemId: goldId, ranks: [1, 2, 3, 4], actorId: admin.id });
    await setGoldRate({ projectId: project.id, body: { rate: 0.5 }, actorId: admin.id });
    expect(await db.auditLog.count({ where: { entityId: goldId, action: "item.gold_set", actorId: admin.id } })).toBe(1);

    // rate 1: the gold item comes first for everyone, whatever the work queue holds
    await db.project.update({ where: { id: project.id }, data: { goldRate: 1 } });
    const careful = await createUser({ roles: ["ANNOTATOR"] });
    const careless = await createUser({ roles: ["ANNOTATOR"] });
    expect(await rankNext(project.id, careful.id, [1, 2, 4, 3])).toBe(goldId); // 5 of 6 pairs as expected
    expect(await rankNext(project.id, careless.id, [4, 3, 2, 1])).toBe(goldId); // 0 of 6
    // then the work; the gold item is never served twice to one person
    expect(await rankNext(project.id, careful.id, [1, 2, 3, 4])).toBe(workId);
    expect((await nextItem({ projectId: project.id, annotatorId: careful.id })).assignment).toBeNull();

    // never settled, never work
    expect(await db.item.findUniqueOrThrow({ where: { id: goldId } })).toMatchObject({ status: "GOLD", rankingCount: 2, finalRanks: [] });
    const dash = await getProjectDashboard({ projectId: project.id, query: dashboardQuerySchema.parse({}) });
    expect(dash.progress).toMatchObject({ GOLD: 1, FINAL: 1, total: 1 });
    const q = new Map(dash.quality.annotators.map((a) => [a.annotatorId, a.gold]));
    expect(q.get(careful.id)).toMatchObject({ items: 1, successes: 5, n: 6, enough: false });
    expect(q.get(careless.id)).toMatchObject({ items: 1, successes: 0, n: 6, enough: false });
    // the work's agreement figures do not see gold rankings
    expect(dash.positionBias.rankings).toBe(1);

    const overview = await listGold({ projectId: project.id });
    expect(overview).toMatchObject({ rate: 1, items: [{ itemId: goldId, rankings: 2, accuracy: 5 / 12 }] });

    // with rankings scored against it, it stays gold; its expected order may still change
    await expect(unsetGoldItem({ projectId: project.id, itemId: goldId, actorId: admin.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await setGoldItem({ projectId: project.id, itemId: goldId, ranks: [4, 3, 2, 1], actorId: admin.id });
    const rescored = await getProjectDashboard({ projectId: project.id, query: dashboardQuerySchema.parse({}) });
    expect(rescored.quality.annotators.find((a) => a.annotatorId === careless.id)!.gold).toMatchObject({ successes: 6, n: 6 });
  });

  it("only an open item nobody has ranked can become gold; rate 0 never serves one", async () => {
    const admin = await createUser({ roles: ["ADMIN"] });
    const project = await createProject({ annotatorsPerItem: 2 });
    const [ranked, spare, other] = await createItems(project.id, { count: 3 });
    const annotator = await createUser({ roles: ["ANNOTATOR"] });
    expect(await rankNext(project.id, annotator.id, [1, 2, 3, 4])).toBe(ranked);
    await expect(setGoldItem({ projectId: project.id, itemId: ranked, ranks: [1, 2, 3, 4], actorId: admin.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(setGoldItem({ projectId: project.id, itemId: spare, ranks: [1, 1, 2, 3], actorId: admin.id })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(setGoldItem({ projectId: "elsewhere", itemId: spare, ranks: [1, 2, 3, 4], actorId: admin.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await setGoldItem({ projectId: project.id, itemId: spare, ranks: [2, 1, 3, 4], actorId: admin.id });
    // the project's rate is 0 (the default): the next item is work, not the gold item
    expect(await rankNext(project.id, annotator.id, [1, 2, 3, 4])).toBe(other);
    await unsetGoldItem({ projectId: project.id, itemId: spare, actorId: admin.id });
    expect(await db.item.findUniqueOrThrow({ where: { id: spare } })).toMatchObject({ status: "OPEN", goldRanks: [] });
  });
});
