import { describe, expect, it } from "vitest";
import { chiSquareSurvival, chiSquareUniform } from "./chi-square";

describe("chiSquareSurvival", () => {
  it("matches textbook critical values", () => {
    expect(chiSquareSurvival(3.841459, 1)).toBeCloseTo(0.05, 6);
    expect(chiSquareSurvival(7.814728, 3)).toBeCloseTo(0.05, 6);
    expect(chiSquareSurvival(11.344867, 3)).toBeCloseTo(0.01, 6);
    expect(chiSquareSurvival(0.584375, 3)).toBeCloseTo(0.9, 5);
    // df = 2 has the closed form e^{-x/2}
    expect(chiSquareSurvival(5, 2)).toBeCloseTo(Math.exp(-2.5), 10);
  });
  it("is 1 at zero", () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
  });
});

describe("chiSquareUniform", () => {
  it("is 0 with p = 1 for perfectly uniform counts", () => {
    expect(chiSquareUniform([5, 5, 5, 5])).toEqual({ statistic: 0, degreesOfFreedom: 3, pValue: 1 });
  });
  it("computes Σ (O−E)²/E", () => {
    // 40 observations over 4 slots: E = 10
    const r = chiSquareUniform([20, 8, 7, 5]);
    expect(r.statistic).toBeCloseTo((100 + 4 + 9 + 25) / 10, 12);
    expect(r.degreesOfFreedom).toBe(3);
    expect(r.pValue!).toBeLessThan(0.01);
  });
  it("has no p-value without observations", () => {
    expect(chiSquareUniform([0, 0, 0, 0]).pValue).toBeNull();
  });
});
