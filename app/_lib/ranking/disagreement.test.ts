import { describe, expect, it } from "vitest";
import { discordantPairs, evaluateDisagreement, topKey } from "./disagreement";

const r = (ranks: number[], replacement: string | null = null) => ({ ranks, replacement });

describe("ANY_ORDER", () => {
  const rule = { rule: "ANY_ORDER" as const };
  it("agrees only on identical orders", () => {
    expect(evaluateDisagreement([r([1, 2, 3, 4]), r([1, 2, 3, 4])], rule).disagree).toBe(false);
    expect(evaluateDisagreement([r([1, 2, 3, 4]), r([1, 2, 4, 3])], rule)).toMatchObject({ disagree: true, reason: "order" });
  });
  it("treats two notations of the same tie as the same order, and a tie vs no tie as different", () => {
    expect(evaluateDisagreement([r([1, 2, 2, 3]), r([1, 2, 2, 4])], rule).disagree).toBe(false);
    expect(evaluateDisagreement([r([1, 1, 3, 4]), r([1, 2, 3, 4])], rule).disagree).toBe(true);
  });
  it("checks every pair when N > 2", () => {
    expect(evaluateDisagreement([r([1, 2, 3, 4]), r([1, 2, 3, 4]), r([2, 1, 3, 4])], rule).disagree).toBe(true);
  });
});

describe("TOP1", () => {
  const rule = { rule: "TOP1" as const };
  it("agrees when the best answer is the same, whatever follows", () => {
    expect(evaluateDisagreement([r([1, 2, 3, 4]), r([1, 4, 3, 2])], rule).disagree).toBe(false);
  });
  it("disagrees when the best answer differs", () => {
    expect(evaluateDisagreement([r([1, 2, 3, 4]), r([2, 1, 3, 4])], rule)).toMatchObject({ disagree: true, reason: "top" });
  });
  it("compares the sets of tied-first candidates", () => {
    expect(evaluateDisagreement([r([1, 1, 3, 4]), r([1, 1, 4, 3])], rule).disagree).toBe(false);
    expect(evaluateDisagreement([r([1, 1, 3, 4]), r([1, 2, 3, 4])], rule).disagree).toBe(true);
  });
});

describe("KENDALL", () => {
  it("agrees at or above the threshold and disagrees below it", () => {
    const oneSwap = [r([1, 2, 3, 4]), r([1, 2, 4, 3])]; // tau = 2/3
    expect(evaluateDisagreement(oneSwap, { rule: "KENDALL", kendallThreshold: 0.6 }).disagree).toBe(false);
    expect(evaluateDisagreement(oneSwap, { rule: "KENDALL", kendallThreshold: 0.7 })).toMatchObject({ disagree: true, reason: "kendall" });
  });
  it("reports the mean tau", () => {
    const v = evaluateDisagreement([r([1, 2, 3, 4]), r([1, 2, 4, 3])], { rule: "KENDALL", kendallThreshold: 0.5 });
    expect(v.meanTau).toBeCloseTo(2 / 3, 12);
  });
  it("uses the default threshold 0.5 when the project has none", () => {
    // two adjacent swaps: tau = 1/3 < 0.5
    expect(evaluateDisagreement([r([1, 2, 3, 4]), r([2, 1, 4, 3])], { rule: "KENDALL", kendallThreshold: null }).disagree).toBe(true);
    expect(evaluateDisagreement([r([1, 2, 3, 4]), r([1, 3, 2, 4])], { rule: "KENDALL" }).disagree).toBe(false);
  });
  it("agrees on identical all-tied rankings but not when tau is undefined for different ones", () => {
    expect(evaluateDisagreement([r([1, 1, 1, 1]), r([1, 1, 1, 1])], { rule: "KENDALL", kendallThreshold: 0.5 }).disagree).toBe(false);
    expect(evaluateDisagreement([r([1, 1, 1, 1]), r([1, 2, 3, 4])], { rule: "KENDALL", kendallThreshold: -1 }).disagree).toBe(true);
  });
});

describe("replacement answers", () => {
  const rules = [{ rule: "ANY_ORDER" as const }, { rule: "TOP1" as const }, { rule: "KENDALL" as const, kendallThreshold: 0 }];

  it("count as a distinct top item: one replacement vs none disagree under every rule", () => {
    for (const rule of rules) {
      expect(evaluateDisagreement([r([1, 2, 3, 4], "抱歉，我无法确定。"), r([1, 2, 3, 4])], rule)).toMatchObject({ disagree: true, reason: "replacement" });
    }
  });

  it("two different written answers disagree on the top", () => {
    for (const rule of rules) {
      expect(evaluateDisagreement([r([1, 2, 3, 4], "建议尽快就医。"), r([1, 2, 3, 4], "请先复查血常规。")], rule).disagree).toBe(true);
    }
  });

  it("two equal written answers agree on the top (full-width vs half-width punctuation, spacing ignored)", () => {
    const a = r([1, 2, 3, 4], "抱歉，这个问题我无法确定， 建议就医。");
    const b = r([1, 2, 3, 4], "抱歉,这个问题我无法确定,建议就医。 ");
    expect(topKey(a)).toBe(topKey(b));
    for (const rule of rules) expect(evaluateDisagreement([a, b], rule).disagree).toBe(false);
  });

  it("under TOP1 a shared replacement is the shared top even if the candidates' order differs", () => {
    expect(evaluateDisagreement([r([1, 2, 3, 4], "x"), r([4, 3, 2, 1], "x")], { rule: "TOP1" }).disagree).toBe(false);
    expect(evaluateDisagreement([r([1, 2, 3, 4], "x"), r([4, 3, 2, 1], "x")], { rule: "ANY_ORDER" }).disagree).toBe(true);
  });
});

describe("a single ranking (annotatorsPerItem = 1)", () => {
  it("never needs adjudication, even with a replacement", () => {
    expect(evaluateDisagreement([r([2, 1, 3, 4], "x")], { rule: "ANY_ORDER" })).toEqual({ disagree: false, meanTau: null });
    expect(() => evaluateDisagreement([], { rule: "ANY_ORDER" })).toThrow();
  });
});

describe("discordantPairs", () => {
  it("lists candidate pairs whose relative order is not unanimous (ties count as a different relation)", () => {
    expect(discordantPairs([r([1, 2, 3, 4]), r([2, 1, 3, 4])])).toEqual([[0, 1]]);
    expect(discordantPairs([r([1, 2, 3, 4]), r([1, 2, 2, 4])])).toEqual([[1, 2]]);
    expect(discordantPairs([r([1, 2, 3, 4]), r([1, 2, 3, 4])])).toEqual([]);
  });
});
