// Training runs against a real PostgreSQL: claim races, leases, cancel, idempotent metrics,
// agent tokens. One file, so the tests share the run queue one at a time (each starts empty).
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it } from "vitest";
import type { Caller } from "../auth/caller";
import { db } from "../db";
import { AppError } from "../errors";
import { nextItem } from "../assignment/next-item";
import { createItems, createProject, createUser } from "../testing/factories";
import { POST as claimRoute } from "@/app/api/agent/claim/route";
import { authenticateAgent } from "./agent-auth";
import { completeRun, failRun, heartbeatRun, postRunLogs, postRunMetrics, postRunSamples, releaseRun } from "./agent-run-events";
import { agentRunInput } from "./agent-run-input";
import { createAgentToken, listAgents, revokeAgentToken } from "./agent-tokens";
import { cancelRun } from "./cancel-run";
import { claimRun } from "./claim-run";
import { getRun } from "./get-run";
import { launchRun } from "./launch-run";
import { launchRunSchema } from "./launch-run.schema";
import { listRuns } from "./list-runs";
import { postRunResults } from "./post-run-results";
import { sha256 } from "./run-input";
import { getRunLogs } from "./run-logs";
import { getRunMetrics } from "./run-metrics";
import { getRunSamples } from "./run-samples";
import { sweepLapsedLeases } from "./sweep-lapsed-leases";

const RANKINGS =
  JSON.stringify({ id: "item-1", messages: [{ role: "user", content: "头痛三天怎么办？" }], responses: ["多休息，必要时就医。", "不用管。"], ranks: [1, 2] }) + "\n";

async function admin(): Promise<Caller> {
  const u = await createUser({ roles: ["ADMIN"] });
  return { id: u.id, email: u.email, name: u.name, roles: u.roles, via: "session", mustChangePassword: false };
}

async function agent(name = "gpu-box") {
  const { agent: view, token } = await createAgentToken({ caller: await admin(), input: { name } });
  return { id: view.id, name: view.name, token };
}

async function snapshotOf(projectId: string) {
  return db.snapshot.create({
    data: { projectId, version: 1, contentHash: "h", counts: { items: 1 }, rankings: RANKINGS, pairs: "", raw: "" },
  });
}

/** An RM run queued through the same function the API uses. */
async function queueRm(opts: { maxAttempts?: number } = {}) {
  const caller = await admin();
  const project = await createProject();
  const snap = await snapshotOf(project.id);
  const input = launchRunSchema.parse({
    kind: "RM",
    projectId: project.id,
    modelPath: "/models/tiny",
    maxAttempts: opts.maxAttempts ?? 3,
    snapshot: { mode: "existing", snapshotId: snap.id },
    config: { max_steps: 4 },
  });
  return launchRun({ caller, input });
}

const claimInput = (leaseSeconds = 30) => ({ kinds: ["RM", "PPO", "SAMPLE"] as ("RM" | "PPO" | "SAMPLE")[], leaseSeconds, host: {} });
const t0 = new Date("2030-01-01T00:00:00Z");
const at = (s: number) => new Date(t0.getTime() + s * 1000);

function expectConflict(err: unknown, text?: string) {
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe("CONFLICT");
  if (text) expect((err as AppError).message).toContain(text);
}

beforeEach(async () => {
  // each test starts with an empty queue
  await db.run.updateMany({ where: { status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "CANCELLED", leaseExpiresAt: null } });
});

describe("launch", () => {
  it("pins the snapshot and the sha256 of the exact input the agent downloads", async () => {
    const run = await queueRm();
    const row = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(row).toMatchObject({ status: "QUEUED", kind: "RM", attempts: 0, inputHash: sha256(RANKINGS) });
    expect(row.config).toMatchObject({ max_steps: 4, learning_rate: 1e-4, lora: true });
    const a = await agent();
    await claimRun({ agent: a, input: claimInput() });
    expect(await agentRunInput({ agent: a, runId: run.id })).toEqual({ content: RANKINGS, sha256: sha256(RANKINGS) });
  });

  it("refuses a snapshot of another project and a PPO run on an unfinished RM run, naming the field", async () => {
    const caller = await admin();
    const [p1, p2] = [await createProject(), await createProject()];
    const other = await snapshotOf(p2.id);
    const bad = launchRunSchema.parse({ kind: "RM", projectId: p1.id, modelPath: "/m", snapshot: { mode: "existing", snapshotId: other.id }, config: {} });
    await expect(launchRun({ caller, input: bad })).rejects.toThrow(/snapshot.snapshotId: .* is not a snapshot of this project/);
    const rm = await queueRm();
    const ppo = launchRunSchema.parse({ kind: "PPO", projectId: p1.id, modelPath: "/m", rewardRunId: rm.id, snapshot: { mode: "latest" }, config: {} });
    await expect(launchRun({ caller, input: ppo })).rejects.toThrow(/rewardRunId: RM run .* has not succeeded \(it is QUEUED\)/);
  });

  it("pins the items awaiting candidates, not those another sampling run already covers", async () => {
    const caller = await admin();
    const project = await createProject({ k: 2 });
    const dialogue = await db.dialogue.create({ data: { projectId: project.id, externalId: "d1", messages: [] } });
    const items = await Promise.all(
      [0, 1, 2].map((t) =>
        db.item.create({ data: { projectId: project.id, dialogueId: dialogue.id, turnIndex: t, prompt: [{ role: "user", content: `问题${t}` }] } }),
      ),
    );
    const input = (maxItems: number) =>
      launchRunSchema.parse({ kind: "SAMPLE", projectId: project.id, modelPath: "/m", maxItems, config: {} });
    const first = await launchRun({ caller, input: input(2) });
    const second = await launchRun({ caller, input: input(10) });
    const [r1, r2] = await Promise.all([first, second].map((r) => db.run.findUniqueOrThrow({ where: { id: r.id } })));
    expect(r1.itemIds).toEqual([items[0].id, items[1].id]);
    expect(r2.itemIds).toEqual([items[2].id]);
    expect(r1.config).toMatchObject({ k: 2, temperature: 0.8 });
    await expect(launchRun({ caller, input: input(10) })).rejects.toThrow(/no items of this project await candidates/);
  });
});

describe("claim", () => {
  it("gives one run to exactly one of many agents claiming at once", async () => {
    const run = await queueRm();
    const agents = await Promise.all(Array.from({ length: 8 }, (_, i) => agent(`box-${i}`)));
    const claims = await Promise.all(agents.map((a) => claimRun({ agent: a, input: claimInput() })));
    const winners = claims.filter((c) => c !== null);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ id: run.id, attempt: 1, resume: false, modelPath: "/models/tiny" });
    const row = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.status).toBe("RUNNING");
    expect(row.attempts).toBe(1);
  });

  it("spreads several queued runs over concurrent agents without double-claiming, oldest first", async () => {
    const runs = [await queueRm(), await queueRm(), await queueRm()];
    const agents = await Promise.all(Array.from({ length: 6 }, (_, i) => agent(`box-${i}`)));
    const claims = (await Promise.all(agents.map((a) => claimRun({ agent: a, input: claimInput() })))).filter((c) => c !== null);
    expect(claims.map((c) => c.id).sort()).toEqual(runs.map((r) => r.id).sort());
    const again = await claimRun({ agent: agents[0], input: claimInput() });
    expect(again).toBeNull();
  });

  it("only hands out the kinds the agent asked for", async () => {
    await queueRm();
    const a = await agent();
    expect(await claimRun({ agent: a, input: { ...claimInput(), kinds: ["SAMPLE"] } })).toBeNull();
    expect(await claimRun({ agent: a, input: { ...claimInput(), kinds: ["RM"] } })).not.toBeNull();
  });
});

describe("heartbeat and cancel", () => {
  it("extends the lease and carries the admin's cancel; the agent's report then ends the run CANCELLED", async () => {
    const run = await queueRm();
    const a = await agent();
    await claimRun({ agent: a, input: claimInput(30), now: t0 });
    const beat = await heartbeatRun({ agent: a, runId: run.id, input: { attempt: 1, step: 2 }, now: at(20) });
    expect(beat).toEqual({ status: "RUNNING", cancelRequested: false, leaseExpiresAt: at(50).toISOString() });

    const caller = await admin();
    expect(await cancelRun({ caller, runId: run.id })).toMatchObject({ status: "RUNNING", cancelRequested: true });
    expect((await heartbeatRun({ agent: a, runId: run.id, input: { attempt: 1 }, now: at(25) })).cancelRequested).toBe(true);
    expect(await failRun({ agent: a, runId: run.id, input: { attempt: 1, reason: "cancelled by an admin; trainer terminated" } })).toEqual({
      status: "CANCELLED",
    });
    const logs = await getRunLogs({ runId: run.id, tail: 10 });
    expect(logs.lines.map((l) => l.line)).toContainEqual(expect.stringContaining("cancel requested by"));
  });

  it("cancels a queued run at once, so no agent gets it", async () => {
    const run = await queueRm();
    expect(await cancelRun({ caller: await admin(), runId: run.id })).toMatchObject({ status: "CANCELLED" });
    expect(await claimRun({ agent: await agent(), input: claimInput() })).toBeNull();
    await expect(cancelRun({ caller: await admin(), runId: run.id })).rejects.toThrow(/already ended/);
  });

  it("tells an agent that no longer holds the run to stop (409), naming the state", async () => {
    const run = await queueRm();
    const [a, b] = [await agent("a"), await agent("b")];
    await claimRun({ agent: a, input: claimInput() });
    await heartbeatRun({ agent: b, runId: run.id, input: { attempt: 1 } }).then(
      () => expect.fail("another agent's heartbeat was accepted"),
      (err) => expectConflict(err, "is not held by this agent"),
    );
    await postRunMetrics({ agent: a, runId: run.id, input: { attempt: 2, lines: [] } }).then(
      () => expect.fail("a wrong attempt was accepted"),
      (err) => expectConflict(err),
    );
  });
});

describe("lease lapse", () => {
  it("requeues a run whose agent stopped heartbeating; the next attempt resumes", async () => {
    const run = await queueRm();
    const [dead, alive] = [await agent("dead"), await agent("alive")];
    await claimRun({ agent: dead, input: claimInput(30), now: t0 });
    expect(await sweepLapsedLeases({ now: at(29) })).toBe(0);
    const next = await claimRun({ agent: alive, input: claimInput(30), now: at(31) });
    expect(next).toMatchObject({ id: run.id, attempt: 2, resume: true });
    const row = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.error).toContain("lease lapsed at 2030-01-01T00:00:30.000Z");
    expect(row.error).toContain("requeued (attempt 2 of 3 next)");
    // the dead agent, waking up, is told it lost the run
    await heartbeatRun({ agent: dead, runId: run.id, input: { attempt: 1 } }).then(
      () => expect.fail("a stale heartbeat was accepted"),
      (err) => expectConflict(err),
    );
    const logs = await getRunLogs({ runId: run.id, tail: 10 });
    expect(logs.lines.some((l) => l.stream === "app" && l.line.includes("lease lapsed"))).toBe(true);
  });

  it("fails the run with a visible reason once its attempts are used up", async () => {
    const run = await queueRm({ maxAttempts: 2 });
    const a = await agent();
    await claimRun({ agent: a, input: claimInput(10), now: t0 });
    await claimRun({ agent: a, input: claimInput(10), now: at(11) }); // lapse → requeue → attempt 2
    await sweepLapsedLeases({ now: at(30) });
    const row = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.status).toBe("FAILED");
    expect(row.error).toMatch(/lease lapsed at .* after 2 attempts; no attempts left \(max 2\)/);
    expect(await claimRun({ agent: a, input: claimInput(), now: at(31) })).toBeNull();
  });

  it("is detected lazily when runs are listed", async () => {
    const run = await queueRm();
    const a = await agent();
    await claimRun({ agent: a, input: claimInput(5), now: new Date(Date.now() - 60_000) });
    const listed = (await listRuns({ filter: { take: 100 } })).find((r) => r.id === run.id)!;
    expect(listed.status).toBe("QUEUED");
    expect(listed.error).toContain("lease lapsed");
  });

  it("requeues a run its agent gives back when it shuts down", async () => {
    const run = await queueRm();
    const a = await agent();
    await claimRun({ agent: a, input: claimInput() });
    expect(await releaseRun({ agent: a, runId: run.id, input: { attempt: 1, reason: "the agent was stopped" } })).toEqual({ status: "QUEUED" });
  });
});

describe("metrics, logs and completion", () => {
  it("stores a re-sent metrics batch once and tracks the step", async () => {
    const run = await queueRm();
    const a = await agent();
    await claimRun({ agent: a, input: claimInput() });
    const lines = [1, 2, 3].map((step, seq) => ({
      seq,
      data: { step, total_steps: 4, split: "train", time: 1000 + step, "loss/rm": 1 / step },
    }));
    const input = { attempt: 1, lines };
    expect(await postRunMetrics({ agent: a, runId: run.id, input })).toEqual({ accepted: 3, duplicates: 0 });
    expect(await postRunMetrics({ agent: a, runId: run.id, input })).toEqual({ accepted: 0, duplicates: 3 });
    const page = await getRunMetrics({ runId: run.id, after: 0 });
    expect(page.points.map((p) => p.step)).toEqual([1, 2, 3]);
    expect(page.points[2].data).toEqual({ time: 1003, "loss/rm": 1 / 3 });
    expect((await getRunMetrics({ runId: run.id, after: page.lastId })).points).toEqual([]);
    const detail = await getRun({ runId: run.id });
    expect(detail.progress).toMatchObject({ step: 3, totalSteps: 4, fraction: 0.75, etaSeconds: 1 });
  });

  it("refuses a malformed metrics line, naming it, and writes nothing of the batch", async () => {
    const run = await queueRm();
    const a = await agent();
    await claimRun({ agent: a, input: claimInput() });
    const lines = [{ seq: 0, data: { step: 1, "loss/rm": 1 } }, { seq: 1, data: { "loss/rm": 2 } }];
    await expect(postRunMetrics({ agent: a, runId: run.id, input: { attempt: 1, lines } })).rejects.toThrow(
      "lines[1] (seq 1): field 'step' must be a non-negative integer",
    );
    expect(await db.runMetric.count({ where: { runId: run.id } })).toBe(0);
  });

  it("keeps logs idempotent too and completes with artifacts", async () => {
    const run = await queueRm();
    const a = await agent();
    await claimRun({ agent: a, input: claimInput() });
    const logs = { attempt: 1, lines: [{ seq: 0, stream: "stdout" as const, line: "step 1 loss 0.69" }] };
    await postRunLogs({ agent: a, runId: run.id, input: logs });
    await postRunLogs({ agent: a, runId: run.id, input: logs });
    expect((await getRunLogs({ runId: run.id, tail: 50 })).lines.filter((l) => l.stream === "stdout")).toHaveLength(1);
    const artifacts = [{ path: "/srv/medrank/runs/r/out/best/head.pt", bytes: 1234 }];
    await completeRun({ agent: a, runId: run.id, input: { attempt: 1, summary: { best_step: 4 }, outputDir: "/srv/medrank/runs/r/out", artifacts } });
    const detail = await getRun({ runId: run.id });
    expect(detail).toMatchObject({ status: "SUCCEEDED", artifacts, outputDir: "/srv/medrank/runs/r/out", summary: { best_step: 4 } });
    expect(detail.progress.etaSeconds).toBe(0);
  });
});

describe("live logs, samples, agents online and the queue", () => {
  it("updates a progress line in place (same seq, newest text and time) and filters warnings and errors", async () => {
    const run = await queueRm();
    const a = await agent();
    await claimRun({ agent: a, input: claimInput() });
    const t = 1_900_000_000;
    const bar = (text: string, time: number) => ({ seq: 1, stream: "stderr" as const, line: text, time });
    await postRunLogs({ agent: a, runId: run.id, input: { attempt: 1, lines: [{ seq: 0, stream: "stdout", line: "loading", time: t }, bar("ppo:  10%| 1/10", t + 1)] } });
    const update = await postRunLogs({ agent: a, runId: run.id, input: { attempt: 1, lines: [bar("ppo:  50%| 5/10", t + 5), { seq: 2, stream: "stderr", line: "UserWarning: slow tokenizer", time: t + 6 }] } });
    expect(update).toEqual({ accepted: 1, updated: 1, duplicates: 0 });
    const again = await postRunLogs({ agent: a, runId: run.id, input: { attempt: 1, lines: [bar("ppo:  50%| 5/10", t + 5)] } });
    expect(again).toEqual({ accepted: 0, updated: 0, duplicates: 1 });
    const { lines } = await getRunLogs({ runId: run.id, tail: 50 });
    const trainer = lines.filter((l) => l.stream !== "agent" && l.stream !== "app");
    expect(trainer.map((l) => [l.seq, l.line])).toEqual([[0, "loading"], [1, "ppo:  50%| 5/10"], [2, "UserWarning: slow tokenizer"]]);
    expect(trainer[1].at).toBe(new Date((t + 5) * 1000).toISOString()); // when produced, not when stored
    const warnings = await getRunLogs({ runId: run.id, tail: 50, level: "warning" });
    expect(warnings.lines.map((l) => l.line)).toEqual(["UserWarning: slow tokenizer"]);
  });

  it("stores a PPO run's samples once and shows them newest step first", async () => {
    const run = await queueRm();
    const a = await agent();
    await claimRun({ agent: a, input: claimInput() });
    const sample = (seq: number, step: number) => ({ seq, data: { step, item_id: "item-1", messages: [{ role: "user", content: "头痛三天怎么办？" }], answer: `回答 ${step}`, reward: step / 10, kl: 0.01 } });
    const batch = { attempt: 1, lines: [sample(0, 1), sample(1, 2)] };
    await postRunSamples({ agent: a, runId: run.id, input: batch });
    expect(await postRunSamples({ agent: a, runId: run.id, input: batch })).toEqual({ accepted: 0, duplicates: 2 });
    const samples = await getRunSamples({ runId: run.id, take: 10 });
    expect(samples.rows.map((r) => [r.step, r.prompt, r.response, r.reward])).toEqual([[2, "头痛三天怎么办？", "回答 2", 0.2], [1, "头痛三天怎么办？", "回答 1", 0.1]]);
  });

  it("shows an agent online while it calls and offline after it stops; a queued run says why it waits", async () => {
    await db.agent.updateMany({ data: { lastSeenAt: null } }); // the agents of earlier tests are long gone
    const run = await queueRm();
    const a = await agent("idle-box");
    const noAgent = (await getRun({ runId: run.id })).queue;
    expect(noAgent).toEqual({ position: 1, queued: 1, reason: "noAgentOnline" });
    // the agent calls in for SAMPLE runs only: online, but it cannot take an RM run
    await claimRun({ agent: a, input: { kinds: ["SAMPLE"], host: { hostname: "gpu-1", gpus: 2, gpuNames: ["H200", "H200"], pollSeconds: 5, heartbeatSeconds: 15 } } });
    const [view] = (await listAgents()).filter((v) => v.id === a.id);
    expect(view).toMatchObject({ online: true, hostname: "gpu-1", gpus: 2, kinds: ["SAMPLE"], offlineAfterSeconds: 55 });
    expect((await getRun({ runId: run.id })).queue?.reason).toBe("noAgentForKind");
    // silent for longer than three contacts: offline
    await db.agent.update({ where: { id: a.id }, data: { lastSeenAt: new Date(Date.now() - 56_000) } });
    expect((await listAgents()).find((v) => v.id === a.id)?.online).toBe(false);
  });
});

describe("sampling results", () => {
  it("attach the sampled candidates to the run's items through the import engine, once", async () => {
    const caller = await admin();
    const project = await createProject({ k: 2 });
    const dialogue = await db.dialogue.create({ data: { projectId: project.id, externalId: "d-sample", messages: [] } });
    const item = await db.item.create({
      data: { projectId: project.id, dialogueId: dialogue.id, turnIndex: 0, prompt: [{ role: "user", content: "孩子发烧38度怎么办？" }] },
    });
    const run = await launchRun({ caller, input: launchRunSchema.parse({ kind: "SAMPLE", projectId: project.id, modelPath: "/models/policy", config: {} }) });
    const a = await agent();
    const claimed = await claimRun({ agent: a, input: claimInput() });
    expect(claimed).toMatchObject({ id: run.id, kind: "SAMPLE", k: 2 });
    const input = await agentRunInput({ agent: a, runId: run.id });
    expect(JSON.parse(input.content)).toMatchObject({ item_id: item.id, messages: [{ role: "user", content: "孩子发烧38度怎么办？" }] });

    const source = `model:policy@${run.id}`;
    const records = [{ item_id: item.id, candidates: [{ text: "多喝水，物理降温，持续高热请就医。", source }, { text: "可以观察精神状态。", source }, { text: "第三个多余的回答", source }] }];
    const first = await postRunResults({ agent: a, runId: run.id, input: { attempt: 1, batch: 0, records } });
    expect(first).toMatchObject({ attached: 1, candidates: 2, skipped: [] });
    const filled = await db.item.findUniqueOrThrow({ where: { id: item.id }, include: { candidates: { orderBy: { position: "asc" } } } });
    expect(filled.status).toBe("OPEN");
    expect(filled.candidates.map((c) => [c.position, c.source])).toEqual([[0, source], [1, source]]);

    // the agent re-sends the batch after a network error: nothing is attached twice
    const again = await postRunResults({ agent: a, runId: run.id, input: { attempt: 1, batch: 0, records } });
    expect(again).toMatchObject({ attached: 0, skipped: [{ itemId: item.id, reason: "the item is OPEN" }] });
    expect(await db.candidate.count({ where: { itemId: item.id } })).toBe(2);
    expect((await db.run.findUniqueOrThrow({ where: { id: run.id } })).results).toEqual({ items: 1, candidates: 2, skipped: 1 });
  });

  it("put the items they fill before older open items when launched front of the queue, and behind them otherwise", async () => {
    const caller = await admin();
    const annotator = await createUser({ roles: ["ANNOTATOR"] });
    const source = "model:policy@test";
    /** One older open item, then a new turn filled by a sampling run; returns both ids. */
    async function scenario(frontOfQueue: boolean) {
      const project = await createProject({ k: 2 });
      const [older] = await createItems(project.id, { count: 1 });
      const dialogue = await db.dialogue.create({ data: { projectId: project.id, externalId: `d-front-${frontOfQueue}`, messages: [] } });
      const fresh = await db.item.create({
        data: { projectId: project.id, dialogueId: dialogue.id, turnIndex: 0, prompt: [{ role: "user", content: "头晕三天了，需要做什么检查？" }] },
      });
      const run = await launchRun({ caller, input: launchRunSchema.parse({ kind: "SAMPLE", projectId: project.id, modelPath: "/m", frontOfQueue, config: {} }) });
      const a = await agent(`gpu-front-${frontOfQueue}`);
      await claimRun({ agent: a, input: claimInput() });
      const records = [{ item_id: fresh.id, candidates: [{ text: "建议先测血压和血糖。", source }, { text: "可以先休息观察。", source }] }];
      await postRunResults({ agent: a, runId: run.id, input: { attempt: 1, batch: 0, records } });
      const served = await nextItem({ projectId: project.id, annotatorId: annotator.id });
      return { older, fresh: fresh.id, served: served.assignment!.item.id };
    }
    const front = await scenario(true);
    expect(front.served).toBe(front.fresh);
    const behind = await scenario(false);
    expect(behind.served).toBe(behind.older);
  });
});

describe("agent tokens", () => {
  it("authenticate the agent until revoked; then the API answers 401", async () => {
    const caller = await admin();
    const { agent: view, token } = await createAgentToken({ caller, input: { name: "box" } });
    expect(await authenticateAgent(`Bearer ${token}`)).toMatchObject({ id: view.id, name: "box" });
    const row = await db.agent.findUniqueOrThrow({ where: { id: view.id } });
    expect(row.tokenHash).not.toContain(token);

    const request = (t: string) =>
      new NextRequest("http://localhost/api/agent/claim", { method: "POST", headers: { authorization: `Bearer ${t}`, "content-type": "application/json" }, body: "{}" });
    expect((await claimRoute(request(token), { params: Promise.resolve({}) })).status).toBe(200);
    await revokeAgentToken({ caller, agentId: view.id });
    const refused = await claimRoute(request(token), { params: Promise.resolve({}) });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: "UNAUTHORIZED", message: "unknown or revoked agent token" } });
    expect((await claimRoute(request("mra_made-up"), { params: Promise.resolve({}) })).status).toBe(401);
    // a personal API token is not an agent token
    expect((await claimRoute(request("mr_personal"), { params: Promise.resolve({}) })).status).toBe(401);
  });
});
