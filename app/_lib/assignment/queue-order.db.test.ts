// The uncertainty-first queue against a real database: the chosen reward model's least certain
// items come first (priority still before everything, unscored items last), a share of picks is
// drawn at random, and every assignment records which way it was picked.
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createItems, createProject, createUser } from "../testing/factories";
import { nextItem } from "./next-item";
import { drawsRandom } from "./queue-order";

async function readyModel(projectId: string) {
  // the queue reads only the stored uncertainty, never the model's files
  return db.rewardModel.create({ data: { name: "queue test RM", status: "READY", source: "register", dir: "unused", manifest: {}, projectId } });
}

async function pick(projectId: string) {
  const annotator = await createUser({ roles: ["ANNOTATOR"] });
  const { assignment } = await nextItem({ projectId, annotatorId: annotator.id });
  if (!assignment) throw new Error("expected an item");
  const row = await db.assignment.findUniqueOrThrow({ where: { id: assignment.id } });
  return { itemId: row.itemId, pickedBy: row.pickedBy, annotatorId: annotator.id };
}

describe("uncertainty-first queue", () => {
  it("serves the items the model is least sure about first, after priority, unscored ones last; oldest first otherwise", async () => {
    const project = await createProject({ k: 4, annotatorsPerItem: 1 });
    const rm = await readyModel(project.id);
    const items = await createItems(project.id, { count: 5 });
    const base = Date.now() - 3_600_000;
    for (const [n, id] of items.entries()) await db.item.update({ where: { id }, data: { createdAt: new Date(base + n * 1000) } });
    const margins = [0.9, 0.5, 0.05, null, 0.2];
    for (const [n, minMargin] of margins.entries()) if (minMargin !== null) await db.itemUncertainty.create({ data: { rewardModelId: rm.id, itemId: items[n], minMargin } });

    // today's order (the model is chosen, the order is not): oldest first
    await db.project.update({ where: { id: project.id }, data: { rewardModelId: rm.id } });
    expect(await pick(project.id)).toMatchObject({ itemId: items[0], pickedBy: "DEFAULT" });

    await db.project.update({ where: { id: project.id }, data: { queueOrder: "UNCERTAINTY_FIRST", randomShare: 0 } });
    await db.item.update({ where: { id: items[1] }, data: { priority: 1 } });
    const order = [];
    for (let n = 0; n < 4; n++) order.push(await pick(project.id));
    expect(order.map((o) => items.indexOf(o.itemId))).toEqual([1, 2, 4, 3]);
    expect(order.every((o) => o.pickedBy === "UNCERTAINTY")).toBe(true);
    // everything is taken (one annotator per item): the next person gets nothing
    const late = await createUser({ roles: ["ANNOTATOR"] });
    expect((await nextItem({ projectId: project.id, annotatorId: late.id })).assignment).toBeNull();
  });

  it("without a chosen model stays oldest first, whatever the setting", async () => {
    const project = await createProject({ k: 4, annotatorsPerItem: 1, queueOrder: "UNCERTAINTY_FIRST", randomShare: 0 });
    const items = await createItems(project.id, { count: 2 });
    expect(await pick(project.id)).toMatchObject({ itemId: items[0], pickedBy: "DEFAULT" });
  });

  it("draws exactly the picks the random share selects at random, and labels them", async () => {
    const project = await createProject({ k: 4, annotatorsPerItem: 1, queueOrder: "UNCERTAINTY_FIRST", randomShare: 0.5 });
    const rm = await readyModel(project.id);
    await db.project.update({ where: { id: project.id }, data: { rewardModelId: rm.id } });
    const items = await createItems(project.id, { count: 30 });
    for (const [n, itemId] of items.entries()) await db.itemUncertainty.create({ data: { rewardModelId: rm.id, itemId, minMargin: n } });

    const picks = [];
    for (let n = 0; n < 30; n++) picks.push(await pick(project.id));
    // each annotator's first item in the project: the draw of (project, annotator, 0)
    const expected = picks.map((p) => (drawsRandom({ projectId: project.id, annotatorId: p.annotatorId, served: 0, share: 0.5 }) ? "RANDOM" : "UNCERTAINTY"));
    expect(picks.map((p) => p.pickedBy)).toEqual(expected);
    expect(expected.filter((x) => x === "RANDOM").length).toBeGreaterThan(5);
    expect(expected.filter((x) => x === "UNCERTAINTY").length).toBeGreaterThan(5);
    // an uncertainty pick always takes the most uncertain item still free
    const taken = new Set<string>();
    for (const p of picks) {
      if (p.pickedBy === "UNCERTAINTY") expect(p.itemId).toBe(items.find((id) => !taken.has(id)));
      taken.add(p.itemId);
    }
    // and the random ones are not simply the next in line
    const randomPositions = picks.filter((p) => p.pickedBy === "RANDOM").map((p) => items.indexOf(p.itemId));
    expect(randomPositions.some((pos, n) => pos !== n)).toBe(true);
  });
});
