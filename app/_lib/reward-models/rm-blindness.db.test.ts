// Where the reward model's opinion may and may not reach people: adjudicators see its order only
// after their decision (and only when the project turns the aid on); annotators never see a
// score, not even of sampled candidates the model pre-screened.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../auth/caller";
import { getAdjudicationItem } from "../adjudication/get-adjudication-item";
import { submitAdjudication } from "../adjudication/submit-adjudication";
import { nextItem } from "../assignment/next-item";
import { submitRanking } from "../assignment/submit-ranking";
import { db } from "../db";
import { claimRun } from "../runs/claim-run";
import { createAgentToken } from "../runs/agent-tokens";
import { launchRun } from "../runs/launch-run";
import { launchRunSchema } from "../runs/launch-run.schema";
import { postRunResults } from "../runs/post-run-results";
import { createItems, createProject, createUser } from "../testing/factories";
import { registerTinyRewardModel, tinyRewardModel } from "../testing/reward-model-fixture";
import { runRmWorkUntilIdle } from "./rm-work";
import { stopWorker } from "./worker-client";

beforeAll(async () => {
  await tinyRewardModel();
}, 300_000);
afterAll(() => stopWorker());

/** A project with the aid set as asked and one item disputed by two annotators; its RM has scored it. */
async function disputed(showRmAfterAdjudication: boolean) {
  const project = await createProject({ k: 4, annotatorsPerItem: 2, disagreementRule: "ANY_ORDER", ...(showRmAfterAdjudication ? { showRmAfterAdjudication } : {}) });
  const rm = await registerTinyRewardModel({ projectId: project.id });
  await db.project.update({ where: { id: project.id }, data: { rewardModelId: rm.id } });
  const [itemId] = await createItems(project.id, { count: 1 });
  for (const ranks of [[1, 2, 3, 4], [2, 1, 3, 4]]) {
    const annotator = await createUser({ roles: ["ANNOTATOR"] });
    const { assignment } = await nextItem({ projectId: project.id, annotatorId: annotator.id });
    await submitRanking({ assignmentId: assignment!.id, annotatorId: annotator.id, body: { ranks, flags: {}, durationMs: 20_000 } });
  }
  await runRmWorkUntilIdle({ projectId: project.id });
  const scores = await db.candidateScore.findMany({ where: { rewardModelId: rm.id, candidate: { itemId } }, include: { candidate: true } });
  expect(scores).toHaveLength(4);
  const adjudicator = await createUser({ roles: ["ADJUDICATOR"] });
  return { project, rm, itemId, adjudicator, scores };
}

function expectNoScores(json: string, scores: { raw: number; normalized: number }[]) {
  expect(json).not.toMatch(/rmOrder":\{|"raw"|"normalized"|"score"|minMargin|rewardModel/);
  for (const s of scores) {
    expect(json).not.toContain(String(s.raw));
    expect(json).not.toContain(String(s.normalized));
  }
}

describe("adjudication aid", () => {
  it("sends the model's order only after the decision, never before", async () => {
    const { project, itemId, adjudicator, scores, rm } = await disputed(true);
    const before = await getAdjudicationItem({ itemId, projectId: project.id, adjudicatorId: adjudicator.id });
    expect(before.rmOrder).toBeNull();
    expect(before.rmAid).toBe(true);
    expectNoScores(JSON.stringify(before), scores);

    await submitAdjudication({ itemId, projectId: project.id, adjudicatorId: adjudicator.id, body: { mode: "custom", ranks: [1, 2, 3, 4], replacement: null, note: "" } });
    const after = await getAdjudicationItem({ itemId, projectId: project.id, adjudicatorId: adjudicator.id });
    const byPosition = [...scores].sort((a, b) => a.candidate.position - b.candidate.position).map((s) => s.raw);
    const expected = byPosition.map((s) => 1 + byPosition.filter((o) => o > s).length);
    expect(after.rmOrder).toEqual({ rewardModelName: rm.name, ranks: expected });
  }, 120_000);

  it("is off by default: no order even after the decision", async () => {
    const { project, itemId, adjudicator, scores } = await disputed(false);
    await submitAdjudication({ itemId, projectId: project.id, adjudicatorId: adjudicator.id, body: { mode: "custom", ranks: [1, 2, 3, 4], replacement: null, note: "" } });
    const after = await getAdjudicationItem({ itemId, projectId: project.id, adjudicatorId: adjudicator.id });
    expect(after.rmOrder).toBeNull();
    expectNoScores(JSON.stringify(after), scores);
  }, 120_000);
});

describe("pre-screened sampled candidates", () => {
  it("stores the chosen model's scores for candidates an agent posts, and the annotator's item shows none", async () => {
    const adminUser = await createUser({ roles: ["ADMIN"] });
    const caller: Caller = { id: adminUser.id, email: adminUser.email, name: adminUser.name, roles: adminUser.roles, via: "session", mustChangePassword: false };
    const project = await createProject({ k: 2 });
    const rm = await registerTinyRewardModel({ projectId: project.id });
    await db.project.update({ where: { id: project.id }, data: { rewardModelId: rm.id } });
    const dialogue = await db.dialogue.create({ data: { projectId: project.id, externalId: "d-prescreen", messages: [] } });
    const item = await db.item.create({ data: { projectId: project.id, dialogueId: dialogue.id, turnIndex: 0, prompt: [{ role: "user", content: "孩子咳嗽一周了怎么办？" }] } });

    const run = await launchRun({ caller, input: launchRunSchema.parse({ kind: "SAMPLE", projectId: project.id, modelPath: "/models/policy", config: {} }) });
    const { agent: view, token } = await createAgentToken({ caller, input: { name: "gpu-prescreen" } });
    const agent = { id: view.id, name: view.name, token };
    await claimRun({ agent, input: { kinds: ["SAMPLE"], leaseSeconds: 30, host: {} } });
    const source = `model:policy@${run.id}`;
    await postRunResults({
      agent,
      runId: run.id,
      input: { attempt: 1, batch: 0, records: [{ item_id: item.id, candidates: [{ text: "先观察体温和精神状态，咳嗽加重请就医。", source }, { text: "多喝温水。", source }] }] },
    });

    await runRmWorkUntilIdle({ projectId: project.id });
    const scores = await db.candidateScore.findMany({ where: { rewardModelId: rm.id, candidate: { itemId: item.id } } });
    expect(scores).toHaveLength(2);
    expect(scores.every((s) => Number.isFinite(s.raw) && Number.isFinite(s.normalized))).toBe(true);

    const annotator = await createUser({ roles: ["ANNOTATOR"] });
    const served = await nextItem({ projectId: project.id, annotatorId: annotator.id });
    expect(served.assignment?.item.id).toBe(item.id);
    expectNoScores(JSON.stringify(served), scores);
  }, 120_000);
});
