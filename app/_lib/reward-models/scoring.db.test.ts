// scoreAnswers on a real exported tiny RM (trainer → export-onnx → registered row): the scores
// Node computes match the trainer's PyTorch scores recorded at export (reference.jsonl) within
// 1e-4, int8 orders answers like fp32, and models that cannot score are refused.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage } from "@/app/_lib/chat";
import { db } from "@/app/_lib/db";
import { createUser } from "@/app/_lib/testing/factories";
import { registerTinyRewardModel, tinyRewardModel } from "@/app/_lib/testing/reward-model-fixture";
import { createToken } from "@/app/_lib/tokens/create-token";
import { POST as scoreRoute } from "@/app/api/reward-models/[modelId]/score/route";
import { NextRequest } from "next/server";
import { scoreAnswers } from "./scoring";
import { stopWorker } from "./worker-client";

type Reference = { messages: ChatMessage[]; answer: string; raw: number; normalized: number | null };
let reference: Reference[] = [];
let modelId = "";

beforeAll(async () => {
  const dir = await tinyRewardModel();
  reference = readFileSync(path.join(dir, "reference.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  modelId = (await registerTinyRewardModel()).id;
}, 300_000);

afterAll(() => stopWorker());

describe("scoreAnswers", () => {
  it("matches the trainer's PyTorch scores within 1e-4 (fp32), in input order", async () => {
    const scores = await scoreAnswers(modelId, reference.map(({ messages, answer }) => ({ messages, answer })));
    expect(scores).toHaveLength(reference.length);
    for (const [i, s] of scores.entries()) {
      expect(Math.abs(s.raw - reference[i].raw)).toBeLessThan(1e-4);
      if (reference[i].normalized !== null) expect(Math.abs(s.normalized - reference[i].normalized!)).toBeLessThan(1e-4);
    }
  });

  it("int8 orders pairs of answers like fp32 (most pairs)", async () => {
    const inputs = reference.map(({ messages, answer }) => ({ messages, answer }));
    const [fp32, int8] = [await scoreAnswers(modelId, inputs), await scoreAnswers(modelId, inputs, { variant: "int8" })];
    let same = 0;
    let pairs = 0;
    for (let i = 0; i < inputs.length; i++) {
      for (let j = i + 1; j < inputs.length; j++) {
        pairs++;
        if (Math.sign(fp32[i].raw - fp32[j].raw) * Math.sign(int8[i].raw - int8[j].raw) > 0) same++;
      }
    }
    expect(same / pairs).toBeGreaterThan(0.8);
    expect(int8.some((s, i) => s.raw !== fp32[i].raw)).toBe(true); // really the other model
  });

  it("refuses an unknown model (404) and one that is not READY (409)", async () => {
    await expect(scoreAnswers("no-such-model", [])).rejects.toMatchObject({ code: "NOT_FOUND" });
    const row = await registerTinyRewardModel();
    await db.rewardModel.update({ where: { id: row.id }, data: { status: "UPLOADING" } });
    await expect(scoreAnswers(row.id, [{ messages: [{ role: "user", content: "头痛" }], answer: "休息" }])).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("scores through POST /api/reward-models/[id]/score for an admin, and names a bad input", async () => {
    const admin = await createUser({ roles: ["ADMIN"] });
    const token = await createToken({ caller: { id: admin.id, roles: admin.roles, via: "session" }, name: "rm script" });
    const post = async (body: unknown) => {
      const req = new NextRequest(`http://localhost/api/reward-models/${modelId}/score`, {
        method: "POST",
        headers: { authorization: `Bearer ${token.secret}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const res = await scoreRoute(req, { params: Promise.resolve({ modelId }) });
      return { status: res.status, body: await res.json() };
    };
    const [first] = reference;
    const ok = await post({ inputs: [{ messages: first.messages, answer: first.answer }] });
    expect(ok.status).toBe(200);
    expect(Math.abs(ok.body.scores[0].raw - first.raw)).toBeLessThan(1e-4);
    const bad = await post({ inputs: [{ messages: [], answer: "x" }] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toContain("inputs.0.messages");
  });
});
