// Assignment rules against a real PostgreSQL: who gets which item, leases, submits, skips.
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createItems, createProject, createUser } from "../testing/factories";
import { expireLeases } from "./expire-leases";
import { getAssignment } from "./get-assignment";
import { nextItem } from "./next-item";
import { listAnnotationProjects, queueStats } from "./queue-stats";
import { skipAssignment } from "./skip-assignment";
import { submitRanking } from "./submit-ranking";
import type { SubmitRankingBody } from "./submit-ranking.schema";

const body = (ranks: number[], extra: Partial<SubmitRankingBody> = {}): SubmitRankingBody => ({
  ranks,
  flags: {},
  durationMs: 12_000,
  ...extra,
});

const minutes = (base: Date, m: number) => new Date(base.getTime() + m * 60_000);

async function annotators(n: number) {
  return Promise.all(Array.from({ length: n }, () => createUser({ roles: ["ANNOTATOR"] })));
}

async function lease(projectId: string, annotatorId: string, now?: Date) {
  const { assignment } = await nextItem({ projectId, annotatorId, now });
  if (!assignment) throw new Error("expected an item");
  return assignment;
}

describe("next item", () => {
  it("shows the dialogue, the patient's message and K candidates in a per-annotator order", async () => {
    const project = await createProject({ k: 4 });
    await createItems(project.id, { count: 1 });
    const [a] = await annotators(1);
    const view = await lease(project.id, a.id);
    expect(view.status).toBe("ACTIVE");
    expect(view.item.patientMessage).toMatch(/头痛/);
    expect(view.candidates).toHaveLength(4);
    const stored = await db.assignment.findUniqueOrThrow({ where: { id: view.id } });
    expect(view.candidates.map((c) => c.position)).toEqual(stored.displayOrder);
    expect([...stored.displayOrder].sort()).toEqual([0, 1, 2, 3]);
    // reload: the same order
    expect((await getAssignment({ assignmentId: view.id, annotatorId: a.id })).candidates).toEqual(view.candidates);
  });

  it("resumes the current lease instead of taking a second item", async () => {
    const project = await createProject();
    await createItems(project.id, { count: 3 });
    const [a] = await annotators(1);
    const first = await lease(project.id, a.id);
    const again = await Promise.all([nextItem({ projectId: project.id, annotatorId: a.id }), nextItem({ projectId: project.id, annotatorId: a.id })]);
    expect(again.map((r) => r.assignment?.id)).toEqual([first.id, first.id]);
    expect(await db.assignment.count({ where: { annotatorId: a.id } })).toBe(1);
  });

  it("never serves an item twice to one person, ranked or skipped, and says when the queue is empty", async () => {
    const project = await createProject({ annotatorsPerItem: 2 });
    const items = await createItems(project.id, { count: 3 });
    const [a] = await annotators(1);
    const seen: string[] = [];
    expect((await listAnnotationProjects({ annotatorId: a.id })).find((p) => p.id === project.id)).toMatchObject({ name: project.name, available: 3, submitted: 0 });
    const first = await lease(project.id, a.id);
    seen.push(first.item.id);
    await submitRanking({ assignmentId: first.id, annotatorId: a.id, body: body([1, 2, 3, 4]) });
    const second = await lease(project.id, a.id);
    seen.push(second.item.id);
    await skipAssignment({ assignmentId: second.id, annotatorId: a.id, reason: "不熟悉该科室" });
    const third = await lease(project.id, a.id);
    seen.push(third.item.id);
    await submitRanking({ assignmentId: third.id, annotatorId: a.id, body: body([4, 3, 2, 1]) });
    expect(new Set(seen).size).toBe(3);
    expect([...seen].sort()).toEqual([...items].sort());
    expect((await nextItem({ projectId: project.id, annotatorId: a.id })).assignment).toBeNull();
    expect(await queueStats({ projectId: project.id, annotatorId: a.id })).toMatchObject({ available: 0, submitted: 2, skipped: 1, activeAssignmentId: null });
    expect((await listAnnotationProjects({ annotatorId: a.id })).find((p) => p.id === project.id)).toMatchObject({ available: 0, submitted: 2, k: 4 });
  });

  it("prefers an item someone else started, then the oldest", async () => {
    const project = await createProject({ annotatorsPerItem: 2 });
    const [oldest, , newest] = await createItems(project.id, { count: 3 });
    const [a, b, c] = await annotators(3);
    expect((await lease(project.id, a.id)).item.id).toBe(oldest);
    // b completes the item a started rather than opening a new one
    expect((await lease(project.id, b.id)).item.id).toBe(oldest);
    const cItem = (await lease(project.id, c.id)).item.id;
    expect(cItem).not.toBe(oldest);
    expect(cItem).not.toBe(newest);
  });

  it("an item with a ranking in comes before an older untouched one", async () => {
    const project = await createProject({ annotatorsPerItem: 2 });
    const [older, newer] = await createItems(project.id, { count: 2 });
    const [a, b, c, d] = await annotators(4);
    const aX = await lease(project.id, a.id);
    const bX = await lease(project.id, b.id);
    expect([aX.item.id, bX.item.id]).toEqual([older, older]);
    const cY = await lease(project.id, c.id);
    expect(cY.item.id).toBe(newer);
    await submitRanking({ assignmentId: cY.id, annotatorId: c.id, body: body([1, 2, 3, 4]) });
    await skipAssignment({ assignmentId: aX.id, annotatorId: a.id, reason: "不熟悉" });
    await skipAssignment({ assignmentId: bX.id, annotatorId: b.id, reason: "不熟悉" });
    expect((await lease(project.id, d.id)).item.id).toBe(newer);
  });

  it("a skip gives the slot back to the pool", async () => {
    const project = await createProject({ annotatorsPerItem: 1 });
    const [item] = await createItems(project.id, { count: 1 });
    const [a, b] = await annotators(2);
    const mine = await lease(project.id, a.id);
    expect((await nextItem({ projectId: project.id, annotatorId: b.id })).assignment).toBeNull();
    await skipAssignment({ assignmentId: mine.id, annotatorId: a.id, reason: "内容有问题" });
    expect((await lease(project.id, b.id)).item.id).toBe(item);
    expect((await nextItem({ projectId: project.id, annotatorId: a.id })).assignment).toBeNull();
  });

  it(
    "never over-assigns an item when 50 annotators ask at once",
    async () => {
      const project = await createProject({ annotatorsPerItem: 2 });
      await createItems(project.id, { count: 12 });
      const people = await annotators(50);
      const results = await Promise.all(people.map((p) => nextItem({ projectId: project.id, annotatorId: p.id })));
      const served = results.filter((r) => r.assignment !== null);
      // 12 items × 2 slots = 24 leases, no more, no fewer
      expect(served).toHaveLength(24);
      const perItem = await db.assignment.groupBy({ by: ["itemId"], where: { item: { projectId: project.id } }, _count: { _all: true } });
      expect(perItem).toHaveLength(12);
      for (const row of perItem) expect(row._count._all).toBe(2);
    },
    60_000,
  );

  it("an expired lease returns the slot to the pool", async () => {
    const project = await createProject({ annotatorsPerItem: 1, leaseMinutes: 30 });
    const [item] = await createItems(project.id, { count: 1 });
    const [a, b] = await annotators(2);
    const t0 = new Date();
    const mine = await lease(project.id, a.id, t0);
    expect((await nextItem({ projectId: project.id, annotatorId: b.id, now: minutes(t0, 29) })).assignment).toBeNull();
    const theirs = await lease(project.id, b.id, minutes(t0, 31));
    expect(theirs.item.id).toBe(item);
    // the sweep run by next-item marked the lapsed lease
    expect((await db.assignment.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("EXPIRED");
    expect((await getAssignment({ assignmentId: mine.id, annotatorId: a.id, now: minutes(t0, 31) })).status).toBe("EXPIRED");
    // and a's expired item is not served to a again
    expect((await nextItem({ projectId: project.id, annotatorId: a.id, now: minutes(t0, 32) })).assignment).toBeNull();
  });

  it("expireLeases marks only lapsed active leases, and audits each expiry", async () => {
    const project = await createProject({ leaseMinutes: 10 });
    await createItems(project.id, { count: 2 });
    const [a, b] = await annotators(2);
    const t0 = new Date();
    const old = await lease(project.id, a.id, t0);
    const fresh = await lease(project.id, b.id, minutes(t0, 5));
    expect(await expireLeases({ projectId: project.id, now: minutes(t0, 11) })).toBe(1);
    expect((await db.assignment.findUniqueOrThrow({ where: { id: old.id } })).status).toBe("EXPIRED");
    expect((await db.assignment.findUniqueOrThrow({ where: { id: fresh.id } })).status).toBe("ACTIVE");
    const logged = await db.auditLog.findMany({ where: { action: "assignment.lease_expired", projectId: project.id } });
    expect(logged.map((l) => [l.entityId, (l.data as { annotatorId: string }).annotatorId])).toEqual([[old.id, a.id]]);
  });
});

describe("submit ranking", () => {
  it("stores the ranking, flags, replacement, comment and time spent", async () => {
    const project = await createProject({ annotatorsPerItem: 2 });
    await createItems(project.id, { count: 1 });
    const [a] = await annotators(1);
    const mine = await lease(project.id, a.id);
    const { ranking, created } = await submitRanking({
      assignmentId: mine.id,
      annotatorId: a.id,
      body: body([2, 1, 4, 3], { flags: { "2": ["cold_tone", "unsafe"] }, replacement: " 抱歉，这个问题我无法确定，建议就医。 ", comment: "  候选3 用药剂量错误 ", durationMs: 45_000 }),
    });
    expect(created).toBe(true);
    expect(ranking).toMatchObject({ ranks: [2, 1, 4, 3], flags: { "2": ["unsafe", "cold_tone"] }, replacement: "抱歉，这个问题我无法确定，建议就医。", comment: "候选3 用药剂量错误", durationMs: 45_000 });
    expect((await db.assignment.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("SUBMITTED");
    expect(await db.auditLog.count({ where: { action: "ranking.submit", entityId: ranking.id, actorId: a.id } })).toBe(1);
    // the response tells nothing about the item (blind)
    expect(Object.keys(ranking).sort()).toEqual(["comment", "createdAt", "durationMs", "flags", "id", "ranks", "replacement"]);
  });

  it("is idempotent for an identical resubmit and refuses a different one", async () => {
    const project = await createProject({ annotatorsPerItem: 2, allowTies: true });
    await createItems(project.id, { count: 1 });
    const [a] = await annotators(1);
    const mine = await lease(project.id, a.id);
    const first = await submitRanking({ assignmentId: mine.id, annotatorId: a.id, body: body([1, 2, 2, 3]) });
    // same judgment, dense tie notation, another duration: the same ranking back
    const again = await submitRanking({ assignmentId: mine.id, annotatorId: a.id, body: body([1, 2, 2, 4], { durationMs: 99 }) });
    expect(again).toEqual({ ranking: first.ranking, created: false });
    const concurrent = await Promise.all([1, 2, 3].map(() => submitRanking({ assignmentId: mine.id, annotatorId: a.id, body: body([1, 2, 2, 4]) })));
    for (const r of concurrent) expect(r.ranking.id).toBe(first.ranking.id);
    await expect(submitRanking({ assignmentId: mine.id, annotatorId: a.id, body: body([4, 3, 2, 1]) })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.ranking.count({ where: { assignmentId: mine.id } })).toBe(1);
    expect((await db.item.findUniqueOrThrow({ where: { id: mine.item.id } })).rankingCount).toBe(1);
  });

  it("answers 404 for someone else's assignment, as for an unknown one, and writes nothing", async () => {
    const project = await createProject();
    await createItems(project.id, { count: 1 });
    const [a, intruder] = await annotators(2);
    const mine = await lease(project.id, a.id);
    await expect(submitRanking({ assignmentId: mine.id, annotatorId: intruder.id, body: body([1, 2, 3, 4]) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAssignment({ assignmentId: mine.id, annotatorId: intruder.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(skipAssignment({ assignmentId: mine.id, annotatorId: intruder.id, reason: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAssignment({ assignmentId: "no-such-assignment", annotatorId: intruder.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.ranking.count({ where: { itemId: mine.item.id } })).toBe(0);
    expect((await db.assignment.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("ACTIVE");
  });

  it("refuses ranks that do not fit the project, naming the field", async () => {
    const project = await createProject({ k: 4, allowTies: false });
    await createItems(project.id, { count: 1 });
    const [a] = await annotators(1);
    const mine = await lease(project.id, a.id);
    await expect(submitRanking({ assignmentId: mine.id, annotatorId: a.id, body: body([1, 2, 3]) })).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/every answer must be placed.*ranks\[3\]/),
    });
    await expect(submitRanking({ assignmentId: mine.id, annotatorId: a.id, body: body([1, 1, 3, 4]) })).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/ranks\[1\].*does not allow ties/),
    });
    await expect(
      submitRanking({ assignmentId: mine.id, annotatorId: a.id, body: body([1, 2, 3, 4], { flags: { "7": ["unsafe"] } }) }),
    ).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/flags\.7/) });
    expect(await db.ranking.count({ where: { assignmentId: mine.id } })).toBe(0);
  });

  it("saves a late ranking while the slot is free, and refuses it (writing nothing) once the slot was taken", async () => {
    const project = await createProject({ annotatorsPerItem: 1, leaseMinutes: 10 });
    await createItems(project.id, { count: 2 });
    const [a, b] = await annotators(2);
    const t0 = new Date();
    const late = await lease(project.id, a.id, t0);
    const saved = await submitRanking({ assignmentId: late.id, annotatorId: a.id, body: body([1, 2, 3, 4]), now: minutes(t0, 20) });
    expect(saved.created).toBe(true);

    const lost = await lease(project.id, a.id, minutes(t0, 21));
    await lease(project.id, b.id, minutes(t0, 40)); // b takes the lapsed slot
    await expect(submitRanking({ assignmentId: lost.id, annotatorId: a.id, body: body([1, 2, 3, 4]), now: minutes(t0, 41) })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/lease expired/),
    });
    expect(await db.ranking.count({ where: { assignmentId: lost.id } })).toBe(0);
  });

  it("cannot rank a skipped assignment, nor skip a ranked one", async () => {
    const project = await createProject();
    await createItems(project.id, { count: 2 });
    const [a] = await annotators(1);
    const skipped = await lease(project.id, a.id);
    await skipAssignment({ assignmentId: skipped.id, annotatorId: a.id, reason: "太长" });
    await expect(submitRanking({ assignmentId: skipped.id, annotatorId: a.id, body: body([1, 2, 3, 4]) })).rejects.toMatchObject({ code: "CONFLICT" });
    const ranked = await lease(project.id, a.id);
    await submitRanking({ assignmentId: ranked.id, annotatorId: a.id, body: body([1, 2, 3, 4]) });
    await expect(skipAssignment({ assignmentId: ranked.id, annotatorId: a.id, reason: "x" })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("when the N rankings are in", () => {
  async function rankedBy(opts: { rule?: "ANY_ORDER" | "TOP1" | "KENDALL"; allowTies?: boolean; rankings: Partial<SubmitRankingBody>[] }) {
    const project = await createProject({ annotatorsPerItem: opts.rankings.length, disagreementRule: opts.rule ?? "ANY_ORDER", allowTies: opts.allowTies ?? false, kendallThreshold: 0.5 });
    const [itemId] = await createItems(project.id, { count: 1 });
    const people = await annotators(opts.rankings.length);
    const statuses: string[] = [];
    for (const [n, person] of people.entries()) {
      const mine = await lease(project.id, person.id);
      await submitRanking({ assignmentId: mine.id, annotatorId: person.id, body: { ...body([1, 2, 3, 4]), ...opts.rankings[n] } });
      statuses.push((await db.item.findUniqueOrThrow({ where: { id: itemId } })).status);
    }
    return { itemId, statuses, item: await db.item.findUniqueOrThrow({ where: { id: itemId } }) };
  }

  it("agreeing rankings make the item FINAL with their common order", async () => {
    const { item, statuses } = await rankedBy({ rankings: [{ ranks: [3, 1, 2, 4] }, { ranks: [3, 1, 2, 4] }] });
    expect(statuses).toEqual(["OPEN", "FINAL"]);
    expect(item).toMatchObject({ finalRanks: [3, 1, 2, 4], finalReplacement: null, adjudicated: false, rankingCount: 2 });
    expect(item.finalizedAt).not.toBeNull();
    expect(await db.auditLog.count({ where: { action: "item.final", entityId: item.id } })).toBe(1);
  });

  it("disagreeing rankings send the item to ADJUDICATION", async () => {
    const { item, statuses } = await rankedBy({ rankings: [{ ranks: [1, 2, 3, 4] }, { ranks: [1, 2, 4, 3] }] });
    expect(statuses).toEqual(["OPEN", "ADJUDICATION"]);
    expect(item.finalRanks).toEqual([]);
    expect(await db.auditLog.count({ where: { action: "item.disputed", entityId: item.id } })).toBe(1);
  });

  it("follows the project's rule (TOP1 tolerates differences below the top)", async () => {
    const { item } = await rankedBy({ rule: "TOP1", rankings: [{ ranks: [1, 2, 3, 4] }, { ranks: [1, 2, 4, 3] }] });
    expect(item.status).toBe("FINAL");
    expect(item.finalRanks).toEqual([1, 2, 3, 4]);
  });

  it("the same written replacement is final; different ones go to adjudication", async () => {
    const same = await rankedBy({ rankings: [{ replacement: "抱歉，这个问题我无法确定。" }, { replacement: "抱歉,这个问题我无法确定。" }] });
    expect(same.item).toMatchObject({ status: "FINAL", finalReplacement: "抱歉，这个问题我无法确定。" });
    const different = await rankedBy({ rankings: [{ replacement: "建议尽快就医。" }, {}] });
    expect(different.item.status).toBe("ADJUDICATION");
  });

  it("settles only on the N-th ranking (N = 3)", async () => {
    const { statuses } = await rankedBy({ rankings: [{}, {}, {}] });
    expect(statuses).toEqual(["OPEN", "OPEN", "FINAL"]);
  });
});
