import { describe, expect, it } from "vitest";
import { parseScoreLines } from "./score-lines";

describe("parseScoreLines", () => {
  it("reads one input per non-blank line", () => {
    const text = '{"messages":[{"role":"user","content":"头痛"}],"answer":"休息"}\n\n{"messages":[{"role":"user","content":"发烧"}],"answer":"就医"}\n';
    expect(parseScoreLines(text)).toEqual([
      { messages: [{ role: "user", content: "头痛" }], answer: "休息" },
      { messages: [{ role: "user", content: "发烧" }], answer: "就医" },
    ]);
  });

  it("names the line and the field that is wrong", () => {
    const good = '{"messages":[{"role":"user","content":"头痛"}],"answer":"休息"}';
    expect(() => parseScoreLines(`${good}\n{"messages":[{"role":"doctor","content":"x"}],"answer":"a"}`, "in.jsonl")).toThrow(/^in\.jsonl:2: messages\.0\.role/);
    expect(() => parseScoreLines(`${good}\nnot json`, "in.jsonl")).toThrow("in.jsonl:2: not valid JSON");
    expect(() => parseScoreLines(`{"messages":[{"role":"user","content":"x"}]}`, "in.jsonl")).toThrow(/in\.jsonl:1: answer/);
    expect(() => parseScoreLines("\n", "in.jsonl")).toThrow("in.jsonl: no input lines");
  });
});
