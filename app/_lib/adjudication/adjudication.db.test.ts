// Adjudication against a real PostgreSQL: who may settle a dispute, and how a race ends.
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { nextItem } from "../assignment/next-item";
import { submitRanking } from "../assignment/submit-ranking";
import { createItems, createProject, createUser } from "../testing/factories";
import { getAdjudicationItem } from "./get-adjudication-item";
import { listAdjudicationProjects, listAdjudicationQueue } from "./list-adjudication-queue";
import { submitAdjudication } from "./submit-adjudication";

/** A project with one disputed item ranked by two annotators; the second of whom is also an adjudicator. */
async function disputedItem() {
  const project = await createProject({ annotatorsPerItem: 2, disagreementRule: "ANY_ORDER" });
  const [itemId] = await createItems(project.id, { count: 1 });
  const a = await createUser({ roles: ["ANNOTATOR"] });
  const rankerAdjudicator = await createUser({ roles: ["ANNOTATOR", "ADJUDICATOR"] });
  const rankings: string[] = [];
  for (const [person, ranks, replacement] of [
    [a, [1, 2, 3, 4], null],
    [rankerAdjudicator, [2, 1, 3, 4], "抱歉，这个问题我无法确定，建议到医院就诊。"],
  ] as const) {
    const { assignment } = await nextItem({ projectId: project.id, annotatorId: person.id });
    const { ranking } = await submitRanking({
      assignmentId: assignment!.id,
      annotatorId: person.id,
      body: { ranks: [...ranks], flags: { "3": ["unsafe"] }, replacement, comment: "候选4 不安全", durationMs: 30_000 },
    });
    rankings.push(ranking.id);
  }
  const adjudicator = await createUser({ roles: ["ADJUDICATOR"] });
  return { project, itemId, rankings, rankerAdjudicator, adjudicator };
}

describe("adjudication queue", () => {
  it("lists disputed items, but not to an adjudicator who ranked them", async () => {
    const { project, itemId, rankerAdjudicator, adjudicator } = await disputedItem();
    expect((await listAdjudicationQueue({ projectId: project.id, adjudicatorId: adjudicator.id })).items.map((i) => i.itemId)).toEqual([itemId]);
    expect(await listAdjudicationQueue({ projectId: project.id, adjudicatorId: rankerAdjudicator.id })).toMatchObject({ total: 0, items: [] });
    expect(await listAdjudicationProjects({ adjudicatorId: adjudicator.id })).toContainEqual({ id: project.id, name: project.name, pending: 1 });
    expect((await listAdjudicationProjects({ adjudicatorId: rankerAdjudicator.id })).find((p) => p.id === project.id)).toBeUndefined();
  });

  it("shows the rankings side by side, anonymised, with the disagreeing pairs", async () => {
    const { project, itemId, rankings, adjudicator } = await disputedItem();
    const view = await getAdjudicationItem({ itemId, projectId: project.id, adjudicatorId: adjudicator.id });
    expect(view.rankings.map((r) => [r.label, r.id])).toEqual([
      ["#1", rankings[0]],
      ["#2", rankings[1]],
    ]);
    expect(view.rankings[1]).toMatchObject({ replacement: "抱歉，这个问题我无法确定，建议到医院就诊。", flags: { "3": ["unsafe"] }, comment: "候选4 不安全" });
    expect(JSON.stringify(view)).not.toMatch(/annotatorId|email/);
    expect(view.reason).toBe("replacement");
    expect(view.discordantPairs).toEqual([[0, 1]]);
    expect(view.candidates.map((c) => c.position).sort()).toEqual([0, 1, 2, 3]);
    expect(view.decision).toBeNull();
  });

  it("refuses the item to an adjudicator who ranked it (403) and hides items still being ranked (404)", async () => {
    const { project, itemId, rankerAdjudicator, adjudicator } = await disputedItem();
    await expect(getAdjudicationItem({ itemId, projectId: project.id, adjudicatorId: rankerAdjudicator.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      submitAdjudication({ itemId, projectId: project.id, adjudicatorId: rankerAdjudicator.id, body: { mode: "custom", ranks: [1, 2, 3, 4], note: "" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    const [openItem] = await createItems(project.id, { count: 1 });
    await expect(getAdjudicationItem({ itemId: openItem, projectId: project.id, adjudicatorId: adjudicator.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const other = await createProject();
    await expect(getAdjudicationItem({ itemId, projectId: other.id, adjudicatorId: adjudicator.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.item.findUniqueOrThrow({ where: { id: itemId } })).status).toBe("ADJUDICATION");
  });
});

describe("submit adjudication", () => {
  it("adopting a ranking makes the item FINAL with that order and replacement, and audits it", async () => {
    const { project, itemId, rankings, adjudicator } = await disputedItem();
    const result = await submitAdjudication({
      itemId,
      projectId: project.id,
      adjudicatorId: adjudicator.id,
      body: { mode: "adopt", rankingId: rankings[1], note: "B 的替代回答更安全" },
    });
    expect(result).toMatchObject({ ranks: [2, 1, 3, 4], replacement: "抱歉，这个问题我无法确定，建议到医院就诊。", created: true });
    const item = await db.item.findUniqueOrThrow({ where: { id: itemId } });
    expect(item).toMatchObject({ status: "FINAL", adjudicated: true, finalRanks: [2, 1, 3, 4], finalReplacement: "抱歉，这个问题我无法确定，建议到医院就诊。" });
    const adjudication = await db.adjudication.findUniqueOrThrow({ where: { id: result.adjudicationId } });
    expect(adjudication).toMatchObject({ adoptedRankingId: rankings[1], note: "B 的替代回答更安全", adjudicatorId: adjudicator.id });
    expect(await db.auditLog.count({ where: { action: "adjudication.create", entityId: adjudication.id, actorId: adjudicator.id } })).toBe(1);
    const view = await getAdjudicationItem({ itemId, projectId: project.id, adjudicatorId: adjudicator.id });
    expect(view.decision).toMatchObject({ byMe: true, adoptedLabel: "#2", ranks: [2, 1, 3, 4] });
  });

  it("a new order is validated against the project and stored", async () => {
    const { project, itemId, adjudicator } = await disputedItem();
    await expect(
      submitAdjudication({ itemId, projectId: project.id, adjudicatorId: adjudicator.id, body: { mode: "custom", ranks: [1, 1, 2, 3], note: "" } }),
    ).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/ranks\[1\]/) });
    await expect(
      submitAdjudication({ itemId, projectId: project.id, adjudicatorId: adjudicator.id, body: { mode: "adopt", rankingId: "nope", note: "" } }),
    ).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/rankingId/) });
    const result = await submitAdjudication({
      itemId,
      projectId: project.id,
      adjudicatorId: adjudicator.id,
      body: { mode: "custom", ranks: [3, 1, 2, 4], replacement: "  ", note: "两者都不对" },
    });
    expect(result).toMatchObject({ ranks: [3, 1, 2, 4], replacement: null });
    expect(await db.item.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({ status: "FINAL", adjudicated: true, finalRanks: [3, 1, 2, 4] });
  });

  it("when two adjudicators race, exactly one wins and the other gets 409", async () => {
    const { project, itemId, rankings, adjudicator } = await disputedItem();
    const second = await createUser({ roles: ["ADJUDICATOR"] });
    const outcomes = await Promise.allSettled([
      submitAdjudication({ itemId, projectId: project.id, adjudicatorId: adjudicator.id, body: { mode: "adopt", rankingId: rankings[0], note: "" } }),
      submitAdjudication({ itemId, projectId: project.id, adjudicatorId: second.id, body: { mode: "custom", ranks: [4, 3, 2, 1], note: "" } }),
    ]);
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already been adjudicated/) });
    expect(await db.adjudication.count({ where: { itemId } })).toBe(1);
  });

  it("a retry of the same decision by the same adjudicator returns it instead of failing", async () => {
    const { project, itemId, rankings, adjudicator } = await disputedItem();
    const body = { mode: "adopt" as const, rankingId: rankings[0], note: "A" };
    const first = await submitAdjudication({ itemId, projectId: project.id, adjudicatorId: adjudicator.id, body });
    const again = await submitAdjudication({ itemId, projectId: project.id, adjudicatorId: adjudicator.id, body });
    expect(again).toMatchObject({ adjudicationId: first.adjudicationId, created: false });
    await expect(
      submitAdjudication({ itemId, projectId: project.id, adjudicatorId: adjudicator.id, body: { ...body, rankingId: rankings[1] } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
