import { describe, expect, it } from "vitest";
import { answerKey, dropRepeatedAnswers, sameAnswer } from "./answer-text";

const c = (text: string) => ({ text, source: "import:f.json" });

describe("repeated answer texts", () => {
  it("treats texts that differ only in spacing or Unicode composition as the same answer", () => {
    expect(sameAnswer("健康。", " 健康。 ")).toBe(true);
    expect(sameAnswer("多喝水，\n多休息。", "多喝水， 多休息。")).toBe(true);
    expect(sameAnswer("Café", "Cafe\u0301")).toBe(true);
    expect(sameAnswer("健康。", "健康！")).toBe(false);
    expect(answerKey("  a \t b ")).toBe("a b");
  });

  it("keeps the first of repeated answers and drops the texts an item already has", () => {
    expect(dropRepeatedAnswers([c("健康。"), c("健康。"), c("建议就医。"), c("健康。 ")]).map((x) => x.text)).toEqual(["健康。", "建议就医。"]);
    expect(dropRepeatedAnswers([c("健康。"), c("多休息。")], new Set([answerKey("健康。")])).map((x) => x.text)).toEqual(["多休息。"]);
  });
});
