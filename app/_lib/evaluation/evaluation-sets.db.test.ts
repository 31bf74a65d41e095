// Evaluation sets and systems against a real PostgreSQL: held-out construction, all-or-nothing
// imports, idempotent answer posting, READY only when complete, the one-click evaluation.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Caller } from "../auth/caller";
import { db } from "../db";
import { AppError } from "../errors";
import { createSnapshot } from "../export/create-snapshot";
import { agentRunInput } from "../runs/agent-run-input";
import { createAgentToken } from "../runs/agent-tokens";
import { completeRun } from "../runs/agent-run-events";
import { createItems, createProject, createUser } from "../testing/factories";
import { evaluateRun } from "./evaluate-run";
import { evaluateRunSchema } from "./evaluate-run.schema";
import { requestPair } from "./pairs";
import { createEvalSet } from "./sets/create-eval-set";
import { createEvalSetSchema, importEvalSetSchema } from "./sets/create-eval-set.schema";
import { importEvalSet } from "./sets/import-eval-set";
import { addModelSystem } from "./systems/add-model-system";
import { addModelSystemSchema, importAnswersSchema } from "./systems/add-system.schema";
import { promptsJsonl } from "./systems/generate-input";
import { importAnswers } from "./systems/import-answers";
import { postAnswers } from "./systems/post-answers";

async function admin(): Promise<Caller> {
  const u = await createUser({ roles: ["ADMIN"] });
  return { id: u.id, email: u.email, name: u.name, roles: u.roles, via: "session", mustChangePassword: false };
}

async function tempFile(name: string, content: string) {
  const dir = await mkdtemp(path.join(tmpdir(), "medrank-eval-"));
  const file = path.join(dir, name);
  await writeFile(file, content, "utf8");
  return { path: file, sha256: "test-" + name };
}

async function refused(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** A project whose items 0..n-1 are FINAL; `trained` of them are in a snapshot's rankings. */
async function projectWithSnapshot(n: number, trained: number) {
  const project = await createProject();
  const ids = await createItems(project.id, { count: n });
  await db.item.updateMany({ where: { id: { in: ids } }, data: { status: "FINAL", finalRanks: [1, 2, 3, 4] } });
  const rankings = ids.slice(0, trained).map((id) => JSON.stringify({ id, messages: [], responses: [], ranks: [] }) + "\n").join("");
  await db.snapshot.create({ data: { projectId: project.id, version: 1, contentHash: "h", counts: {}, rankings, pairs: "", raw: "" } });
  return { project, ids };
}

async function projectSet(caller: Caller, projectId: string, count = 100) {
  const input = createEvalSetSchema.parse({ source: "PROJECT", name: `set ${Math.random()}`, projectId, count, seed: "s" });
  return createEvalSet({ caller, input });
}

/** A GENERATE run held by a fresh agent (as after a claim), for posting answers. */
async function holdRun(runId: string) {
  const { agent } = await createAgentToken({ caller: await admin(), input: { name: "gpu" } });
  await db.run.update({ where: { id: runId }, data: { status: "RUNNING", agentId: agent.id, attempts: 1, leaseExpiresAt: new Date(Date.now() + 600_000) } });
  return { id: agent.id, name: agent.name };
}

describe("held-out sets", () => {
  it("never draws a turn in a snapshot, and later snapshots leave the set's dialogues out", async () => {
    const caller = await admin();
    const { project, ids } = await projectWithSnapshot(6, 3);
    const set = await projectSet(caller, project.id);
    const prompts = await db.evalPrompt.findMany({ where: { evalSetId: set.id } });
    expect(prompts.map((p) => p.externalId).sort()).toEqual(ids.slice(3).sort());

    const snapshot = await createSnapshot({ projectId: project.id, actorId: caller.id });
    const row = await db.snapshot.findUniqueOrThrow({ where: { id: snapshot.id } });
    const exported = row.rankings.trim().split("\n").map((l) => JSON.parse(l).id as string);
    expect(exported.sort()).toEqual(ids.slice(0, 3).sort());
    expect(row.counts).toMatchObject({ heldOutForEvaluation: 3 });

    // and the drawn dialogues are not drawn again by a second set
    const err = await refused(projectSet(caller, project.id));
    expect(err.message).toMatch(/no single-turn turns outside its training snapshots/);
  });

  it("pins the prompts by sha256", async () => {
    const caller = await admin();
    const { project } = await projectWithSnapshot(3, 0);
    const set = await projectSet(caller, project.id);
    expect(set.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await db.evalSet.findUniqueOrThrow({ where: { id: set.id } })).contentHash).toBe(set.contentHash);
  });
});

describe("imported and shipped sets", () => {
  const good = (id: string) => JSON.stringify({ id, cate1: "内科", cate2: "", instruction: `${id} 头痛怎么办？`, input: "", output: "多休息。", history: [] });

  it("is all or nothing: one bad record creates nothing and names the line", async () => {
    const caller = await admin();
    const name = `import ${Math.random()}`;
    const file = await tempFile("bad.jsonl", [good("a"), good("b"), '{"id": "c", "history": 5}'].join("\n") + "\n");
    const input = importEvalSetSchema.parse({ name, fileName: "bad.jsonl", format: "CMTMEDQA" });
    const err = await refused(importEvalSet({ caller, input, upload: file }));
    expect(err.message).toMatch(/^bad\.jsonl: line 3/);
    expect(await db.evalSet.count({ where: { name } })).toBe(0);

    const ok = await tempFile("good.jsonl", [good("a"), good("b")].join("\n") + "\n");
    const saved = await importEvalSet({ caller, input: importEvalSetSchema.parse({ name, fileName: "good.jsonl" }), upload: ok });
    expect(saved.prompts).toBe(2);
  });

  it("builds a single-turn set of the CMtMedQA safety probes shipped with the demo data", async () => {
    const set = await createEvalSet({ caller: await admin(), input: createEvalSetSchema.parse({ source: "SAFETY_PROBES", name: `probes ${Math.random()}` }) });
    const prompts = await db.evalPrompt.findMany({ where: { evalSetId: set.id } });
    expect(prompts).toHaveLength(144);
    expect(prompts.every((p) => p.kind === "safety" && (p.messages as unknown[]).length === 1)).toBe(true);
  });

  it("downloads every prompt of a set (more than its page lists), and answers written from that file import READY", async () => {
    const caller = await admin();
    const set = await createEvalSet({ caller, input: createEvalSetSchema.parse({ source: "SAFETY_PROBES", name: `probes ${Math.random()}` }) });
    const lines = (await promptsJsonl(db, set.id)).trimEnd().split("\n").map((l) => JSON.parse(l) as { prompt_id: string; messages: { content: string }[] });
    expect(lines).toHaveLength(144);
    const stored = await db.evalPrompt.findMany({ where: { evalSetId: set.id }, orderBy: { position: "asc" } });
    expect(lines.map((l) => l.prompt_id)).toEqual(stored.map((p) => p.id));
    const answers = lines.map((l) => JSON.stringify({ prompt_id: l.prompt_id, answer: `请及时就医。（${l.messages[0].content.length}）` })).join("\n") + "\n";
    const system = await importAnswers({ caller, evalSetId: set.id, input: importAnswersSchema.parse({ name: "outside", fileName: "outside.jsonl" }), upload: await tempFile("outside.jsonl", answers) });
    expect(system.status).toBe("READY");
    expect(await db.evalAnswer.count({ where: { systemId: system.id } })).toBe(144);
  });
});

describe("systems and answers", () => {
  async function setOf(n: number) {
    const caller = await admin();
    const { project } = await projectWithSnapshot(n, 0);
    const set = await projectSet(caller, project.id);
    const prompts = await db.evalPrompt.findMany({ where: { evalSetId: set.id }, orderBy: { position: "asc" } });
    return { caller, set, prompts };
  }

  it("imports answers JSONL all or nothing, naming the line; a complete file is READY with provenance", async () => {
    const { caller, set, prompts } = await setOf(2);
    const lines = prompts.map((p, i) => JSON.stringify({ prompt_id: p.id, answer: `回答 ${i}`, provenance: { model: "other-7b" } }));
    const partial = await tempFile("a.jsonl", lines[0] + "\n");
    const err = await refused(importAnswers({ caller, evalSetId: set.id, input: importAnswersSchema.parse({ name: "other", fileName: "a.jsonl" }), upload: partial }));
    expect(err.message).toMatch(/1 of 2 prompts have no answer/);
    const badLine = await tempFile("b.jsonl", lines[0] + "\n" + '{"prompt_id": 1}\n');
    expect((await refused(importAnswers({ caller, evalSetId: set.id, input: importAnswersSchema.parse({ name: "other", fileName: "b.jsonl" }), upload: badLine }))).message).toMatch(/^b\.jsonl: line 2: /);
    expect(await db.evalSystem.count({ where: { evalSetId: set.id } })).toBe(0);

    const full = await tempFile("c.jsonl", lines.join("\n") + "\n");
    const system = await importAnswers({ caller, evalSetId: set.id, input: importAnswersSchema.parse({ name: "other", fileName: "c.jsonl" }), upload: full });
    expect(system.status).toBe("READY");
    const answer = await db.evalAnswer.findFirstOrThrow({ where: { systemId: system.id, promptId: prompts[1].id } });
    expect(answer.provenance).toMatchObject({ source: "import", file: "c.jsonl", line: 2, model: "other-7b" });
  });

  it("a GENERATE run's answers: pinned input, lease-checked, idempotent, READY only when every prompt is answered", async () => {
    const { caller, set, prompts } = await setOf(3);
    const system = await addModelSystem({ caller, evalSetId: set.id, input: addModelSystemSchema.parse({ name: "base", kind: "BASE_MODEL", modelPath: "/models/base" }) });
    const run = await db.run.findUniqueOrThrow({ where: { id: system.generateRunId } });
    expect(run).toMatchObject({ kind: "GENERATE", modelPath: "/models/base", config: { evalSystemId: system.id, decoding: { temperature: 0, max_new_tokens: 256 } } });

    const agent = await holdRun(run.id);
    const input = await agentRunInput({ agent, runId: run.id });
    const lines = input.content.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.prompt_id)).toEqual(prompts.map((p) => p.id));
    expect(input.sha256).toBe(run.inputHash);

    const post = (ids: string[], attempt = 1, who = agent) =>
      postAnswers({ agent: who, runId: run.id, input: { attempt, answers: ids.map((id) => ({ prompt_id: id, answer: `答 ${id}` })), decoding: { temperature: 0, seed: 0 } } });
    expect(await post([prompts[0].id, prompts[1].id])).toMatchObject({ accepted: 2, duplicates: 0, ready: false });
    expect(await post([prompts[0].id, prompts[1].id])).toMatchObject({ accepted: 0, duplicates: 2, ready: false });
    expect((await db.evalSystem.findUniqueOrThrow({ where: { id: system.id } })).status).toBe("PENDING");
    expect((await refused(post([prompts[2].id], 2))).code).toBe("CONFLICT"); // a stale attempt
    const stranger = await holdRun((await addModelSystem({ caller, evalSetId: set.id, input: addModelSystemSchema.parse({ name: "x", kind: "BASE_MODEL", modelPath: "/m" }) })).generateRunId);
    expect((await refused(post([prompts[2].id], 1, stranger))).code).toBe("CONFLICT"); // not the lease holder
    expect((await refused(post(["not-a-prompt"]))).message).toMatch(/answers\[0\]\.prompt_id: "not-a-prompt" is not a prompt/);

    expect(await post([prompts[2].id])).toMatchObject({ accepted: 1, ready: true });
    expect(await db.evalAnswer.count({ where: { systemId: system.id } })).toBe(3);
    const answer = await db.evalAnswer.findFirstOrThrow({ where: { systemId: system.id } });
    expect(answer.provenance).toMatchObject({ source: "generate", runId: run.id, modelPath: "/models/base", decoding: { temperature: 0, seed: 0 } });
    await completeRun({ agent, runId: run.id, input: { attempt: 1, artifacts: [] } });
    expect((await db.evalSystem.findUniqueOrThrow({ where: { id: system.id } })).status).toBe("READY");
  });

  it("a GENERATE run that completes with prompts unanswered leaves its system FAILED, not READY", async () => {
    const { caller, set, prompts } = await setOf(2);
    const system = await addModelSystem({ caller, evalSetId: set.id, input: addModelSystemSchema.parse({ name: "base", kind: "BASE_MODEL", modelPath: "/models/base" }) });
    const agent = await holdRun(system.generateRunId);
    await postAnswers({ agent, runId: system.generateRunId, input: { attempt: 1, answers: [{ prompt_id: prompts[0].id, answer: "答" }] } });
    await completeRun({ agent, runId: system.generateRunId, input: { attempt: 1, artifacts: [] } });
    expect((await db.evalSystem.findUniqueOrThrow({ where: { id: system.id } })).status).toBe("FAILED");
  });

  it("comparisons of a requested pair appear as the second system's answers arrive", async () => {
    const { caller, set, prompts } = await setOf(2);
    const a = await importAnswers({
      caller, evalSetId: set.id, input: importAnswersSchema.parse({ name: "imported", fileName: "a.jsonl" }),
      upload: await tempFile("a.jsonl", prompts.map((p) => JSON.stringify({ external_id: p.externalId, answer: "甲" })).join("\n")),
    });
    const b = await addModelSystem({ caller, evalSetId: set.id, input: addModelSystemSchema.parse({ name: "base", kind: "BASE_MODEL", modelPath: "/m" }) });
    expect((await requestPair({ caller, evalSetId: set.id, systemAId: a.id, systemBId: b.id })).comparisons).toBe(0);
    const agent = await holdRun(b.generateRunId);
    await postAnswers({ agent, runId: b.generateRunId, input: { attempt: 1, answers: [{ prompt_id: prompts[0].id, answer: "乙" }] } });
    expect(await db.evalComparison.count({ where: { evalSetId: set.id } })).toBe(1);
  });
});

describe("one-click evaluation of a PPO run", () => {
  it("creates a held-out set, the policy and base systems with their GENERATE runs, and the pair", async () => {
    const caller = await admin();
    const { project, ids } = await projectWithSnapshot(5, 2);
    const ppo = await db.run.create({
      data: { projectId: project.id, kind: "PPO", status: "SUCCEEDED", name: "ppo-1", config: {}, modelPath: "/models/sft", outputDir: "/runs/ppo-1/out" },
    });
    const result = await evaluateRun({ caller, runId: ppo.id, input: evaluateRunSchema.parse({}) });
    const prompts = await db.evalPrompt.findMany({ where: { evalSetId: result.evalSetId } });
    expect(prompts.map((p) => p.externalId).sort()).toEqual(ids.slice(2).sort());
    const systems = await db.evalSystem.findMany({ where: { evalSetId: result.evalSetId }, include: { generateRun: true }, orderBy: { name: "asc" } });
    expect(systems.map((s) => [s.name, s.kind, s.generateRun?.modelPath, s.generateRun?.parentRunId ?? null])).toEqual([
      ["base", "BASE_MODEL", "/models/sft", null],
      ["policy", "RUN_POLICY", "/models/sft", ppo.id],
    ]);
    expect(await db.evalPair.count({ where: { evalSetId: result.evalSetId } })).toBe(1);

    const rm = await db.run.create({ data: { kind: "RM", status: "SUCCEEDED", name: "rm", config: {}, modelPath: "/m", outputDir: "/o" } });
    expect((await refused(evaluateRun({ caller, runId: rm.id, input: evaluateRunSchema.parse({}) }))).code).toBe("CONFLICT");
  });
});
