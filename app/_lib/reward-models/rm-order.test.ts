import { describe, expect, it } from "vitest";
import { compareOrders, ranksFromScores, smallestMargin } from "./rm-order";

describe("a reward model's order of an item's candidates", () => {
  it("ranks the highest score first, equal scores tied", () => {
    expect(ranksFromScores([0.1, 2.5, -1, 0.7])).toEqual([3, 1, 4, 2]);
    expect(ranksFromScores([1, 3, 3, 0])).toEqual([3, 1, 1, 4]);
  });

  it("measures uncertainty as the smallest gap between any two scores, whatever their positions", () => {
    expect(smallestMargin([0, 10, 3, 9.5])).toBeCloseTo(0.5);
    expect(smallestMargin([2, 2, 5])).toBe(0);
    expect(() => smallestMargin([1])).toThrow(RangeError);
  });

  it("counts against the final ranking only the pairs it orders; top-1 needs the RM's single best among the final best", () => {
    // final: A=1, B=2, C=2 (tie: the pair B–C asks nothing), D=4; RM: B > A > C > D
    const rm = ranksFromScores([2, 3, 1, 0]);
    const cmp = compareOrders(rm, [1, 2, 2, 4]);
    expect(cmp.pairs).toBe(5);
    expect(cmp.agree).toBe(4); // A–B is the one the RM gets wrong
    expect(cmp.top1).toBe(false);
    expect(compareOrders(rm, [2, 1, 3, 4]).top1).toBe(true);
    expect(compareOrders([1, 2, 3, 4], [1, 2, 3, 4]).tau).toBeCloseTo(1);
    expect(compareOrders([4, 3, 2, 1], [1, 2, 3, 4]).tau).toBeCloseTo(-1);
  });
});
