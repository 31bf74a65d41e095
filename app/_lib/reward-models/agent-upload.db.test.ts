// The agent's upload of an RM run's exported model, through the real routes with real agent
// tokens: announce, resumable PUTs at the received offset, size limits, hash check, READY at the
// end; only the agent running the run may upload.
import { createHash } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/app/_lib/db";
import { getEnv } from "@/app/_lib/env";
import { generateAgentToken } from "@/app/_lib/runs/agent-token";
import { POST as announceRoute } from "@/app/api/agent/runs/[runId]/reward-model/route";
import { PUT as putRoute } from "@/app/api/agent/runs/[runId]/reward-model/files/[name]/route";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const MODEL = Buffer.from("onnx-bytes ".repeat(3000)); // 33 kB stand-in for model.onnx: the upload checks bytes, not ONNX
const TOKENIZER = Buffer.from(JSON.stringify({ model: { type: "WordLevel" } }));

function manifestFor(files: { name: string; bytes: number; sha256: string }[]) {
  return {
    format: "medrank-reward-model",
    version: 1,
    source: { run_dir: "rm-run", base_model: "tiny", checkpoint: "best", step: 2 },
    variants: { fp32: { file: "model.onnx" } },
    tokenizer: { file: "tokenizer.json", padding_side: "right", pad_token_id: 0, bos_token_id: 1, eos_token_id: 2, eos_token: "</s>" },
    chat_format: { kind: "medrank-default", system_prompt: "", max_length: 96, truncation: "medrank-v1" },
    normalization: { mean: 0, std: 1 },
    held_out: { pairwise_accuracy: 0.7, kendall_tau: 0.4 },
    files,
  };
}
const FILES = [
  { name: "model.onnx", bytes: MODEL.length, sha256: sha(MODEL) },
  { name: "tokenizer.json", bytes: TOKENIZER.length, sha256: sha(TOKENIZER) },
];

async function newAgent() {
  const { token, prefix, tokenHash } = generateAgentToken();
  const agent = await db.agent.create({ data: { name: "upload agent", prefix, tokenHash } });
  return { id: agent.id, auth: `Bearer ${token}` };
}

let agent: { id: string; auth: string };
let runId = "";

beforeEach(async () => {
  agent = await newAgent();
  const run = await db.run.create({ data: { kind: "RM", name: "rm upload", status: "RUNNING", config: {}, modelPath: "/models/tiny", agentId: agent.id, attempts: 1 } });
  runId = run.id;
});

async function announce(files = FILES, auth = agent.auth, manifest: object = manifestFor(files)) {
  const req = new NextRequest(`http://localhost/api/agent/runs/${runId}/reward-model`, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/json" },
    body: JSON.stringify({ manifest, files }),
  });
  const res = await announceRoute(req, { params: Promise.resolve({ runId }) });
  return { status: res.status, body: await res.json() };
}

async function put(name: string, offset: number, bytes: Buffer, auth = agent.auth) {
  const req = new NextRequest(`http://localhost/api/agent/runs/${runId}/reward-model/files/${encodeURIComponent(name)}?offset=${offset}`, {
    method: "PUT",
    headers: { authorization: auth, "content-type": "application/octet-stream" },
    body: new Uint8Array(bytes),
  });
  const res = await putRoute(req, { params: Promise.resolve({ runId, name: encodeURIComponent(name) }) });
  return { status: res.status, body: await res.json() };
}

describe("agent upload of a reward model", () => {
  it("resumes across requests and announcements, and is READY once every file is verified", async () => {
    const first = await announce();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: "UPLOADING", files: [{ name: "model.onnx", received: 0 }, { name: "tokenizer.json", received: 0 }] });

    expect((await put("model.onnx", 0, MODEL.subarray(0, 10_000))).body).toEqual({ received: 10_000, status: "UPLOADING" });
    // The agent restarts: announcing the same files again keeps what was received.
    const again = await announce();
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.files[0]).toMatchObject({ name: "model.onnx", received: 10_000 });

    expect((await put("model.onnx", 10_000, MODEL.subarray(10_000))).body).toEqual({ received: MODEL.length, status: "UPLOADING" });
    expect((await put("tokenizer.json", 0, TOKENIZER)).body).toEqual({ received: TOKENIZER.length, status: "READY" });

    const model = await db.rewardModel.findUniqueOrThrow({ where: { runId } });
    expect(model).toMatchObject({ status: "READY", source: "upload", formats: ["fp32"], bytes: BigInt(MODEL.length + TOKENIZER.length) });
    expect(model.dir.startsWith(path.resolve(getEnv().MEDRANK_DATA_DIR, "reward-models"))).toBe(true);
    expect(readFileSync(path.join(model.dir, "model.onnx")).equals(MODEL)).toBe(true);
  });

  it("refuses a PUT at the wrong offset with 409 and the offset to resume from", async () => {
    await announce();
    await put("model.onnx", 0, MODEL.subarray(0, 100));
    const wrong = await put("model.onnx", 50, MODEL.subarray(50, 200));
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.details).toEqual({ received: 100 });
    expect((await put("model.onnx", 100, MODEL.subarray(100, 200))).body.received).toBe(200);
  });

  it("starts a file again when its received bytes vanished from disk (409 with received 0)", async () => {
    await announce();
    await put("model.onnx", 0, MODEL.subarray(0, 100));
    const model = await db.rewardModel.findUniqueOrThrow({ where: { runId } });
    rmSync(path.join(model.dir, "model.onnx"));
    const gone = await put("model.onnx", 100, MODEL.subarray(100, 200));
    expect(gone.status).toBe(409);
    expect(gone.body.error.details).toEqual({ received: 0 });
    expect((await put("model.onnx", 0, MODEL)).body.received).toBe(MODEL.length);
  });

  it("refuses more bytes than the file announced (413) and keeps what it had", async () => {
    await announce();
    const over = await put("tokenizer.json", 0, Buffer.concat([TOKENIZER, Buffer.from("extra")]));
    expect(over.status).toBe(413);
    const file = await db.rewardModelFile.findFirstOrThrow({ where: { rewardModel: { runId }, name: "tokenizer.json" } });
    expect(file.received).toBe(BigInt(0));
  });

  it("refuses a model larger than MEDRANK_RM_MAX_BYTES at announcement (413)", async () => {
    const huge = [{ name: "model.onnx", bytes: getEnv().MEDRANK_RM_MAX_BYTES + 1, sha256: "0".repeat(64) }, FILES[1]];
    expect((await announce(huge)).status).toBe(413);
  });

  it("resets a file whose bytes do not match its sha256 (422 naming it), then accepts the right bytes", async () => {
    await announce();
    const corrupt = Buffer.from(MODEL);
    corrupt[5] ^= 0xff;
    const bad = await put("model.onnx", 0, corrupt);
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toContain("model.onnx");
    const file = await db.rewardModelFile.findFirstOrThrow({ where: { rewardModel: { runId }, name: "model.onnx" } });
    expect(file.received).toBe(BigInt(0));
    expect((await put("model.onnx", 0, MODEL)).status).toBe(200);
  });

  it("restarts a file announced again with another sha256", async () => {
    await announce();
    await put("model.onnx", 0, MODEL.subarray(0, 500));
    const changed = Buffer.concat([MODEL, Buffer.from("v2")]);
    const files = [{ name: "model.onnx", bytes: changed.length, sha256: sha(changed) }, FILES[1]];
    const again = await announce(files);
    expect(again.body.files[0]).toMatchObject({ name: "model.onnx", received: 0, bytes: changed.length });
  });

  it("refuses another agent, and an agent whose run is no longer running", async () => {
    await announce();
    const other = await newAgent();
    expect((await announce(FILES, other.auth)).status).toBe(409);
    expect((await put("model.onnx", 0, MODEL, other.auth)).status).toBe(409);
    await db.run.update({ where: { id: runId }, data: { status: "FAILED" } });
    expect((await put("model.onnx", 0, MODEL)).status).toBe(409);
  });

  it("refuses a manifest that does not list the announced files, naming the problem (422)", async () => {
    const res = await announce(FILES, agent.auth, manifestFor([FILES[0]]));
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/tokenizer\.json|files/);
  });
});
