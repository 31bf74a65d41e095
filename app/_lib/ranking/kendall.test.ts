import { describe, expect, it } from "vitest";
import { kendallTauB, meanPairwiseKendall } from "./kendall";

describe("kendallTauB", () => {
  it("is 1 for identical orders and −1 for reversed ones", () => {
    expect(kendallTauB([1, 2, 3, 4], [1, 2, 3, 4])).toBe(1);
    expect(kendallTauB([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
  });

  it("gives 2/3 for one adjacent swap of four", () => {
    expect(kendallTauB([1, 2, 3, 4], [1, 2, 4, 3])).toBeCloseTo(2 / 3, 12);
  });

  it("depends only on relative order", () => {
    expect(kendallTauB([10, 20, 30, 40], [1, 2, 4, 3])).toBeCloseTo(2 / 3, 12);
  });

  it("corrects for ties on one side (tau-b)", () => {
    // C = 5, D = 0, one pair tied in a: 5 / sqrt(5 · 6)
    expect(kendallTauB([1, 1, 3, 4], [1, 2, 3, 4])).toBeCloseTo(5 / Math.sqrt(30), 12);
  });

  it("corrects for ties on both sides, including a pair tied in both", () => {
    // C = 3, D = 0, tied in a: 2, tied in b: 1 → 3 / sqrt(4 · 5)
    expect(kendallTauB([1, 1, 3, 3], [1, 2, 2, 4])).toBeCloseTo(3 / Math.sqrt(20), 12);
    // C = 1, D = 4, the pair (1, 2) tied in both → −3 / sqrt(5 · 5)
    expect(kendallTauB([2, 1, 1, 4], [1, 3, 3, 2])).toBeCloseTo(-0.6, 12);
  });

  it("is undefined (null) when one side is all tied", () => {
    expect(kendallTauB([1, 1, 1, 1], [1, 2, 3, 4])).toBeNull();
    expect(kendallTauB([1, 1], [1, 1])).toBeNull();
  });

  it("refuses vectors of different lengths", () => {
    expect(() => kendallTauB([1, 2, 3], [1, 2, 3, 4])).toThrow(/length/);
  });
});

describe("meanPairwiseKendall", () => {
  it("averages tau over all pairs", () => {
    const v = [
      [1, 2, 3, 4],
      [1, 2, 3, 4],
      [4, 3, 2, 1],
    ];
    // pairs: 1, −1, −1
    expect(meanPairwiseKendall(v)).toBeCloseTo(-1 / 3, 12);
  });

  it("is null for fewer than two vectors or an undefined pair", () => {
    expect(meanPairwiseKendall([[1, 2]])).toBeNull();
    expect(meanPairwiseKendall([[1, 1], [1, 2]])).toBeNull();
  });
});
