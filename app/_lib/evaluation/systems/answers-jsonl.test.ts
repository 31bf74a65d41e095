import { describe, expect, it } from "vitest";
import { type AnswerLine, matchAnswers, parseAnswerLine } from "./answers-jsonl";

const ok = (text: string, line = 1) => {
  const r = parseAnswerLine(text, line);
  if (!r || !r.ok) throw new Error(JSON.stringify(r));
  return r.value;
};

describe("parseAnswerLine", () => {
  it("reads prompt_id or external_id, the answer and its provenance", () => {
    expect(ok('{"prompt_id":"p1","answer":"多喝水","provenance":{"model":"gpt"}}')).toEqual({
      line: 1, key: { promptId: "p1" }, answer: "多喝水", provenance: { model: "gpt" },
    });
    expect(ok('{"external_id":42,"answer":"休息"}', 3).key).toEqual({ externalId: "42" });
  });

  it("names the line and the field of a bad line", () => {
    expect(parseAnswerLine("{oops", 7)).toMatchObject({ ok: false, message: expect.stringMatching(/^line 7: is not valid JSON/) });
    expect(parseAnswerLine('{"prompt_id":"p","answer":3}', 2)).toMatchObject({ ok: false, message: expect.stringMatching(/^line 2: answer:/) });
    expect(parseAnswerLine('{"answer":"x"}', 4)).toMatchObject({ ok: false, message: "line 4: prompt_id: give exactly one of prompt_id and external_id" });
    expect(parseAnswerLine('{"prompt_id":"p","answer":"  "}', 5)).toMatchObject({ ok: false, message: "line 5: answer: must not be empty" });
    expect(parseAnswerLine("   ", 6)).toBeNull();
  });
});

describe("matchAnswers", () => {
  const prompts = [{ id: "p1", externalId: "d1" }, { id: "p2", externalId: "d2" }];
  const line = (n: number, key: AnswerLine["key"]): AnswerLine => ({ line: n, key, answer: "a", provenance: {} });

  it("accepts one answer per prompt, by either id", () => {
    const r = matchAnswers([line(1, { promptId: "p2" }), line(2, { externalId: "d1" })], prompts);
    expect(r.ok && r.answers.map((a) => a.promptId)).toEqual(["p2", "p1"]);
  });

  it("refuses unknown prompts, repeats and missing answers, naming the line", () => {
    expect(matchAnswers([line(1, { promptId: "zz" }), line(2, { promptId: "p1" })], prompts)).toEqual({ ok: false, problems: ['line 1: prompt_id "zz" is not a prompt of this set'] });
    expect(matchAnswers([line(1, { promptId: "p1" }), line(3, { externalId: "d1" }), line(4, { promptId: "p2" })], prompts)).toEqual({
      ok: false, problems: ["line 3: answers the same prompt as line 1"],
    });
    const missing = matchAnswers([line(1, { promptId: "p1" })], prompts);
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.problems[0]).toMatch(/1 of 2 prompts have no answer \(e\.g\. external_id "d2"\)/);
  });
});
