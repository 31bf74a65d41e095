// Adjudication against a real PostgreSQL: who may settle a dispute, and how a race ends.
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { nextItem } from "../assignment/next-item";
import { submitRanking } from "../assignment/submit-ranking";
import { createItems, createProject, createUser } from "../testing/factories";
import { getAdjudicationItem } from "./get-adjudication-item";
import { createSnapshot } from "../export/create-snapshot";
import { listAdjudicationProjects, listAdjudicationQueue, nextDisputedItem } from "./list-adjudication-queue";
import { submitAdjudication } from "./submit-adjudication";
import { undoAdjudication } from "./undo-adjudication";

/** A project with `count` disputed items ranked by two annotators; the second of whom is also an adjudicator. */
async function disputedItem(count = 1) {
  const project = await createProject({ annotatorsPerItem: 2, disagreementRule: "ANY_ORDER" });
  const itemIds = await createItems(project.id, { count });
  const a = await createUser({ roles: ["ANNOTATOR"] });
  const rankerAdjudicator = await createUser({ roles: ["ANNOTATOR", "ADJUDICATOR"] });
  const rankings: string[] = [];
  for (let n = 0; n < count; n++) {
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
  }
  const adjudicator = await createUser({ roles: ["ADJUDICATOR"] });
  return { project, itemId: itemIds[0], itemIds, rankings, rankerAdjudicator, adjudicator };
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

describe("stable labels and the pair matrix", () => {
  it("shows every adjudicator the same label for the same answer, and maps the annotators' letters in comments", async () => {
    const { project, itemId, adjudicator } = await disputedItem();
    const second = await createUser({ roles: ["ADJUDICATOR"] });
    const one = await getAdjudicationItem({ itemId, projectId: project.id, adjudicatorId: adjudicator.id });
    const two = await getAdjudicationItem({ itemId, projectId: project.id, adjudicatorId: second.id });
    expect(one.candidates.map((c) => [c.label, c.text])).toEqual(two.candidates.map((c) => [c.label, c.text]));
    expect(one.candidates.map((c) => c.label)).toEqual(["A", "B", "C", "D"]);

    // each annotator wrote "候选4 不安全" and flagged position 3; a comment naming letters is mapped through their own display order
    const ranking = await db.ranking.findFirstOrThrow({ where: { itemId }, orderBy: { createdAt: "asc" }, include: { assignment: true } });
    const theirD = ranking.assignment.displayOrder[3];
    await db.ranking.update({ where: { id: ranking.id }, data: { comment: "D 不安全" } });
    const view = await getAdjudicationItem({ itemId, projectId: project.id, adjudicatorId: adjudicator.id });
    const stable = view.candidates.find((c) => c.position === theirD)!.label;
    expect(view.rankings[0].commentParts).toEqual([{ wrote: "D", label: stable }, { text: " 不安全" }]);

    // [1,2,3,4] against [2,1,3,4]: only the pair of positions 0 and 1 is disputed
    expect(view.pairs).toHaveLength(6);
    expect(view.pairs.filter((p) => !p.agree).map((p) => [p.first, p.second].sort())).toEqual([[0, 1]]);
  });
});

describe("undo a decision", () => {
  it("within the window puts the item back in the queue, keeps the decision as undone, and audits it", async () => {
    const { project, itemId, rankings, adjudicator } = await disputedItem();
    const decidedAt = new Date();
    const done = await submitAdjudication({ itemId, projectId: project.id, adjudicatorId: adjudicator.id, body: { mode: "adopt", rankingId: rankings[0], note: "" }, now: decidedAt });
    expect(Date.parse(done.undoUntil) - decidedAt.getTime()).toBe(10_000);
    const decided = await getAdjudicationItem({ itemId, projectId: project.id, adjudicatorId: adjudicator.id, now: decidedAt });
    expect(decided.decision?.undoUntil).toBe(done.undoUntil);

    const second = await createUser({ roles: ["ADJUDICATOR"] });
    await expect(undoAdjudication({ itemId, projectId: project.id, adjudicatorId: second.id, adjudicationId: done.adjudicationId })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const undone = await undoAdjudication({ itemId, projectId: project.id, adjudicatorId: adjudicator.id, adjudicationId: done.adjudicationId, now: new Date(decidedAt.getTime() + 9_000) });
    expect(undone).toEqual({ itemId, undone: true });
    expect(await db.item.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({ status: "ADJUDICATION", adjudicated: false, finalRanks: [], finalizedAt: null });
    expect(await db.adjudication.findUniqueOrThrow({ where: { id: done.adjudicationId } })).toMatchObject({ undoneAt: expect.any(Date) });
    expect(await db.auditLog.count({ where: { action: "adjudication.undo", entityId: done.adjudicationId, actorId: adjudicator.id } })).toBe(1);
    expect((await listAdjudicationQueue({ projectId: project.id, adjudicatorId: second.id })).items.map((i) => i.itemId)).toEqual([itemId]);

    // the item can be decided again, by anyone, and the undone decision does not count as "already adjudicated"
    const again = await submitAdjudication({ itemId, projectId: project.id, adjudicatorId: second.id, body: { mode: "custom", ranks: [4, 3, 2, 1], note: "" } });
    expect(again.created).toBe(true);
    expect((await getAdjudicationItem({ itemId, projectId: project.id, adjudicatorId: adjudicator.id })).decision).toMatchObject({ byMe: false, ranks: [4, 3, 2, 1], undoUntil: null });
  });

  it("is refused once the window has closed, or once a snapshot exported the decision", async () => {
    const { project, itemId, rankings, adjudicator } = await disputedItem();
    const decidedAt = new Date(Date.now() - 60_000);
    const done = await submitAdjudication({ itemId, projectId: project.id, adjudicatorId: adjudicator.id, body: { mode: "adopt", rankingId: rankings[1], note: "" }, now: decidedAt });
    await expect(undoAdjudication({ itemId, projectId: project.id, adjudicatorId: adjudicator.id, adjudicationId: done.adjudicationId })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await getAdjudicationItem({ itemId, projectId: project.id, adjudicatorId: adjudicator.id })).decision?.undoUntil).toBeNull();

    const other = await disputedItem();
    const fresh = await submitAdjudication({ itemId: other.itemId, projectId: other.project.id, adjudicatorId: other.adjudicator.id, body: { mode: "adopt", rankingId: other.rankings[0], note: "" } });
    await createSnapshot({ projectId: other.project.id, actorId: other.adjudicator.id });
    await expect(
      undoAdjudication({ itemId: other.itemId, projectId: other.project.id, adjudicatorId: other.adjudicator.id, adjudicationId: fresh.adjudicationId }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/Snapshot v1/) });
    expect((await db.item.findUniqueOrThrow({ where: { id: other.itemId } })).status).toBe("FINAL");
  });

  it("after a decision the next disputed item is named, never the one just decided", async () => {
    const { project, itemIds, rankings, adjudicator, rankerAdjudicator } = await disputedItem(2);
    const [first, second] = itemIds;
    expect(await nextDisputedItem({ projectId: project.id, adjudicatorId: adjudicator.id })).toBe(first);
    expect(await nextDisputedItem({ projectId: project.id, adjudicatorId: adjudicator.id, except: first })).toBe(second);
    expect(await nextDisputedItem({ projectId: project.id, adjudicatorId: rankerAdjudicator.id })).toBeNull();
    await submitAdjudication({ itemId: first, projectId: project.id, adjudicatorId: adjudicator.id, body: { mode: "adopt", rankingId: rankings[0], note: "" } });
    expect(await nextDisputedItem({ projectId: project.id, adjudicatorId: adjudicator.id })).toBe(second);
  });
});
