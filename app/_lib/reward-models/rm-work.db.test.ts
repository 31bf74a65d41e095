// The reward-model background work against a real database and a real (tiny) exported model:
// scores and uncertainty for a project's items, and the incremental agreement rows the
// dashboard adds up — one row per new final ranking, never a rescoring of the rest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { AppError } from "../errors";
import { getRmDashboard } from "../metrics/get-rm-dashboard";
import { wilsonInterval } from "../metrics/wilson";
import { updateProject } from "../projects/update-project";
import { createItems, createProject, createRanking, createUser } from "../testing/factories";
import { registerTinyRewardModel, tinyRewardModel } from "../testing/reward-model-fixture";
import { smallestMargin } from "./rm-order";
import { runRmWork, runRmWorkUntilIdle } from "./rm-work";
import { stopWorker } from "./worker-client";
import { scoreAnswers } from "./scoring";

beforeAll(async () => {
  await tinyRewardModel();
}, 300_000);
afterAll(() => stopWorker());

/** Hand-set scores for an item's candidates, in position order (raw = normalised, for easy arithmetic). */
async function setScores(rewardModelId: string, itemId: string, scores: number[]) {
  const candidates = await db.candidate.findMany({ where: { itemId }, orderBy: { position: "asc" } });
  await db.candidateScore.createMany({ data: candidates.map((c, i) => ({ rewardModelId, candidateId: c.id, raw: scores[i], normalized: scores[i] })) });
}

async function finalize(itemId: string, finalRanks: number[], at: Date, adjudicated = false) {
  await db.item.update({ where: { id: itemId }, data: { status: "FINAL", finalRanks, finalizedAt: at, adjudicated } });
}

describe("reward-model scores in the background", () => {
  it("scores every candidate of a project that chose a model, once, and records each item's smallest margin", async () => {
    const project = await createProject({ k: 4 });
    const rm = await registerTinyRewardModel({ projectId: project.id });
    await db.project.update({ where: { id: project.id }, data: { rewardModelId: rm.id } });
    const itemIds = await createItems(project.id, { count: 3 });

    const done = await runRmWorkUntilIdle({ projectId: project.id, itemsPerBatch: 2 });
    expect(done.scoredCandidates).toBe(12);
    const scores = await db.candidateScore.findMany({ where: { rewardModelId: rm.id }, include: { candidate: true } });
    expect(scores).toHaveLength(12);

    // the stored scores are the model's own, for the item's dialogue and the candidate's text
    const first = await db.item.findUniqueOrThrow({ where: { id: itemIds[0] }, include: { candidates: { orderBy: { position: "asc" } } } });
    const direct = await scoreAnswers(rm.id, first.candidates.map((c) => ({ messages: first.prompt as never, answer: c.text })));
    const stored = first.candidates.map((c) => scores.find((s) => s.candidateId === c.id)!);
    stored.forEach((s, i) => expect(s.raw).toBeCloseTo(direct[i].raw, 5));

    for (const itemId of itemIds) {
      const normalized = scores.filter((s) => s.candidate.itemId === itemId).sort((a, b) => a.candidate.position - b.candidate.position).map((s) => s.normalized);
      const u = await db.itemUncertainty.findUniqueOrThrow({ where: { rewardModelId_itemId: { rewardModelId: rm.id, itemId } } });
      expect(u.minMargin).toBeCloseTo(smallestMargin(normalized), 10);
    }
    // nothing left: a second pass scores nothing
    expect(await runRmWork({ projectId: project.id })).toEqual({ scoredCandidates: 0, agreements: 0, failedModels: 0 });
  }, 120_000);

  it("lets a project choose only a READY model of its own or of no project", async () => {
    const admin = await createUser({ roles: ["ADMIN"] });
    const [project, other] = [await createProject(), await createProject()];
    const foreign = await registerTinyRewardModel({ projectId: other.id });
    const err = await updateProject({ actorId: admin.id, projectId: project.id, data: { rewardModelId: foreign.id } }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/belongs to another project/);
    const own = await registerTinyRewardModel({ projectId: project.id });
    await db.rewardModel.update({ where: { id: own.id }, data: { status: "UPLOADING" } });
    await expect(updateProject({ actorId: admin.id, projectId: project.id, data: { rewardModelId: own.id } })).rejects.toThrow(/UPLOADING, not READY/);
    await db.rewardModel.update({ where: { id: own.id }, data: { status: "READY" } });
    const saved = await updateProject({ actorId: admin.id, projectId: project.id, data: { rewardModelId: own.id, queueOrder: "UNCERTAINTY_FIRST", randomShare: 0.3 } });
    expect(saved).toMatchObject({ rewardModelId: own.id, queueOrder: "UNCERTAINTY_FIRST", randomShare: 0.3, showRmAfterAdjudication: false });
  }, 60_000);

  it("pauses a model that cannot score and goes on with the others", async () => {
    const project = await createProject({ k: 4 });
    const broken = await db.rewardModel.create({ data: { name: "files gone", status: "READY", source: "register", dir: "/nonexistent/rm", manifest: {}, projectId: project.id } });
    const working = await registerTinyRewardModel({ projectId: project.id });
    await db.project.update({ where: { id: project.id }, data: { rewardModelId: broken.id } });
    const [itemId] = await createItems(project.id, { count: 1 });
    await finalize(itemId, [1, 2, 3, 4], new Date());
    // the chosen (broken) model's work comes first and fills the batch: without the pause the working one would wait forever
    const done = await runRmWorkUntilIdle({ projectId: project.id, itemsPerBatch: 1 });
    expect(done).toEqual({ scoredCandidates: 4, agreements: 1, failedModels: 1 });
    expect(await db.candidateScore.count({ where: { rewardModelId: working.id } })).toBe(4);
    expect(await db.candidateScore.count({ where: { rewardModelId: broken.id } })).toBe(0);
  }, 60_000);
});

describe("reward model vs final rankings, incrementally", () => {
  it("adds one row per new final ranking, leaves out the training snapshot, and adds up to hand-computed figures", async () => {
    const project = await createProject({ k: 4, annotatorsPerItem: 2 });
    const rm = await registerTinyRewardModel({ projectId: project.id });
    await db.project.update({ where: { id: project.id }, data: { rewardModelId: rm.id } });
    const [a, b, c] = await createItems(project.id, { count: 3 });
    const [u1, u2] = [await createUser({ name: "Annotator One" }), await createUser({ name: "Annotator Two" })];
    // the RM prefers position 0 > 1 > 2 > 3 on A and C, and the reverse on B
    await setScores(rm.id, a, [3, 2, 1, 0]);
    await setScores(rm.id, b, [0, 1, 2, 3]);
    await setScores(rm.id, c, [3, 2, 1, 0]);
    const t0 = new Date("2026-11-01T08:00:00Z");

    // A: both annotators agree; final 1,2,3,4 — the RM agrees on all 6 pairs
    await createRanking({ itemId: a, annotatorId: u1.id, ranks: [1, 2, 3, 4] });
    await createRanking({ itemId: a, annotatorId: u2.id, ranks: [1, 2, 3, 4] });
    await finalize(a, [1, 2, 3, 4], t0);
    expect(await runRmWorkUntilIdle({ projectId: project.id })).toEqual({ scoredCandidates: 0, agreements: 1, failedModels: 0 });
    expect(await db.rmItemAgreement.findUniqueOrThrow({ where: { rewardModelId_itemId: { rewardModelId: rm.id, itemId: a } } })).toMatchObject({
      pairs: 6,
      agree: 6,
      top1: true,
      tau: 1,
      flags: [],
      annotators: [],
    });

    // B: the annotators disagree (u2 flags candidate 0 unsafe), adjudicated to 1,2,3,4 — the RM has it backwards
    await createRanking({ itemId: b, annotatorId: u1.id, ranks: [1, 2, 3, 4] });
    const r2 = await createRanking({ itemId: b, annotatorId: u2.id, ranks: [2, 1, 3, 4] });
    await db.ranking.update({ where: { id: r2.id }, data: { flags: { "0": ["unsafe"] } } });
    await finalize(b, [1, 2, 3, 4], new Date(t0.getTime() + 60_000), true);
    // C is final too, but it was in the model's training snapshot
    await createRanking({ itemId: c, annotatorId: u1.id, ranks: [1, 2, 3, 4] });
    await createRanking({ itemId: c, annotatorId: u2.id, ranks: [1, 2, 3, 4] });
    await finalize(c, [1, 2, 3, 4], new Date(t0.getTime() + 120_000));
    const snap = await db.snapshot.create({
      data: { projectId: project.id, version: 1, contentHash: "h", counts: {}, rankings: JSON.stringify({ id: c, messages: [], responses: [], ranks: [] }) + "\n", pairs: "", raw: "" },
    });
    await db.rewardModel.update({ where: { id: rm.id }, data: { snapshotId: snap.id } });

    // only B's row is added: A's is not redone, C is never measured
    expect(await runRmWorkUntilIdle({ projectId: project.id })).toEqual({ scoredCandidates: 0, agreements: 1, failedModels: 0 });
    const rows = await db.rmItemAgreement.findMany({ where: { rewardModelId: rm.id } });
    expect(rows.map((r) => r.itemId).sort()).toEqual([a, b].sort());
    const rowB = rows.find((r) => r.itemId === b)!;
    // u1 (1,2,3,4) agrees with the RM (4,3,2,1) on no pair; u2 (2,1,3,4) on the pair of positions 0 and 1 only
    expect(rowB).toMatchObject({ pairs: 6, agree: 0, top1: false, tau: -1, flags: ["unsafe"] });
    expect(rowB.annotators).toEqual([
      { annotatorId: u1.id, n: 6, agree: 0 },
      { annotatorId: u2.id, n: 6, agree: 1 },
    ]);

    const dash = await getRmDashboard({ projectId: project.id });
    expect(dash.model).toMatchObject({ id: rm.id, pinned: true, snapshotVersion: 1 });
    expect(dash.finalItems).toBe(3);
    const o = dash.report!.overall;
    expect(o.items).toBe(2);
    expect(o.pairwise).toEqual({ successes: 6, n: 12, rate: 0.5, ci: wilsonInterval(6, 12) });
    expect(o.top1).toEqual({ successes: 1, n: 2, rate: 0.5, ci: wilsonInterval(1, 2) });
    // τ = 1 and −1: mean 0, and the t interval (1 degree of freedom) spans the whole range
    expect(o.tau).toEqual({ n: 2, mean: 0, ci: { low: -1, high: 1 } });
    expect(dash.report!.byFlag).toEqual([expect.objectContaining({ flag: "unsafe", items: 1, pairwise: expect.objectContaining({ successes: 0, n: 6 }) })]);
    expect(Object.fromEntries(dash.report!.sidedWith.map((s) => [s.annotatorId, [s.successes, s.n]]))).toEqual({ [u1.id]: [0, 1], [u2.id]: [1, 1] });
    // human ceiling over the three final items: u2 misses one pair of B
    expect(Object.fromEntries(dash.ceiling.annotators.map((x) => [x.annotatorId, [x.successes, x.n]]))).toEqual({ [u1.id]: [18, 18], [u2.id]: [17, 18] });
    expect(dash.ceiling.interAnnotator).toMatchObject({ successes: 17, n: 18 });

    // an adjudication undone and redone gives A a new final ranking: its row is stale until redone
    await finalize(a, [4, 3, 2, 1], new Date(t0.getTime() + 180_000), true);
    expect((await getRmDashboard({ projectId: project.id })).report!.overall.items).toBe(1);
    expect(await runRmWorkUntilIdle({ projectId: project.id })).toEqual({ scoredCandidates: 0, agreements: 1, failedModels: 0 });
    expect((await getRmDashboard({ projectId: project.id })).report!.overall.pairwise).toMatchObject({ successes: 0, n: 12 });
  }, 60_000);
});
