import { describe, expect, it } from "vitest";
import { submitAdjudicationSchema } from "../adjudication/submit-adjudication.schema";
import { skipAssignmentSchema } from "../assignment/skip-assignment.schema";
import { zodToAppError } from "../errors";
import { failSchema, postLogsSchema, postMetricsSchema } from "../runs/agent-api.schema";
import { createUserSchema } from "../users/create-user.schema";
import { cleanJson, cleanText, storableString, unstorableReason } from "./storable-text";

const LONE_HIGH = "\uD800";
const LONE_LOW = "\uDC00";
const PAIR = "\uD83D\uDE00"; // 😀, a valid pair

describe("unstorableReason", () => {
  it("names NUL and lone surrogates, and accepts valid text including astral characters", () => {
    expect(unstorableReason("患者\u0000")).toMatch(/NUL/);
    expect(unstorableReason(`ab${LONE_HIGH}`)).toBe("must be valid Unicode text (a lone surrogate U+D800 at character 3)");
    expect(unstorableReason(`${LONE_LOW}x`)).toMatch(/U\+DC00 at character 1/);
    expect(unstorableReason(`${LONE_HIGH}${LONE_HIGH}${LONE_LOW}`)).toMatch(/U\+D800 at character 1/);
    expect(unstorableReason(`头痛 ${PAIR} 三天`)).toBeNull();
  });
});

describe("people's text is refused, naming the field", () => {
  it("a user name with NUL", () => {
    const r = createUserSchema.safeParse({ email: "a@h.example", name: "Dr\u0000", roles: ["ANNOTATOR"], password: "long-enough-1" });
    expect(r.success).toBe(false);
    expect(zodToAppError(r.error!).message).toBe("invalid body: name: must not contain the NUL character (U+0000)");
    expect(zodToAppError(r.error!).status).toBe(422);
  });

  it("an adjudication note and a replacement answer with a lone surrogate", () => {
    const r = submitAdjudicationSchema.safeParse({ mode: "custom", ranks: [1, 2, 3, 4], replacement: `抱歉${LONE_HIGH}`, note: "ok" });
    expect(zodToAppError(r.error!).message).toMatch(/^invalid body: replacement: must be valid Unicode text/);
  });

  it("a skip reason with NUL", () => {
    const r = skipAssignmentSchema.safeParse({ reason: "看不懂\u0000" });
    expect(zodToAppError(r.error!).message).toBe("invalid body: reason: must not contain the NUL character (U+0000)");
  });

  it("storableString keeps its other rules", () => {
    const s = storableString().trim().min(1, "must not be empty");
    expect(s.parse("  ok ")).toBe("ok");
    expect(s.safeParse("   ").error?.issues[0].message).toBe("must not be empty");
  });
});

describe("machine output is cleaned, not refused", () => {
  it("strips NUL and replaces lone surrogates in text and JSON (keys too)", () => {
    expect(cleanText(`a\u0000b${LONE_HIGH}c${PAIR}`)).toBe(`ab\uFFFDc${PAIR}`);
    expect(cleanJson({ "loss\u0000": [1, "x\u0000"], nested: { ok: true } })).toEqual({ loss: [1, "x"], nested: { ok: true } });
  });

  it("the agent's log lines, failure reason and metrics", () => {
    expect(postLogsSchema.parse({ attempt: 1, lines: [{ seq: 0, stream: "stderr", line: "CUDA\u0000 error" }] }).lines[0].line).toBe("CUDA error");
    expect(failSchema.parse({ attempt: 1, reason: "exit 1: bad\u0000byte" }).reason).toBe("exit 1: badbyte");
    expect(postMetricsSchema.parse({ attempt: 1, lines: [{ seq: 0, data: { step: 1, "phase\u0000": "warm" } }] }).lines[0].data).toEqual({ step: 1, phase: "warm" });
  });

  it("numbers that would overflow an Int column are refused, naming the field", () => {
    const r = postMetricsSchema.safeParse({ attempt: 1, lines: [{ seq: 0, data: { step: 1e308 } }] });
    expect(zodToAppError(r.error!).message).toMatch(/^invalid body: lines\.0\.data\.step: /);
  });
});
