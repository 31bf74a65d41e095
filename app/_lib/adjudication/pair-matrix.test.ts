import { describe, expect, it } from "vitest";
import { pairMatrix } from "./pair-matrix";

describe("pairMatrix", () => {
  it("lists every pair once in label order with each ranking's preference and agreement", () => {
    // labels: A = position 2, B = position 0, C = position 1
    const rows = pairMatrix([2, 0, 1], [{ ranks: [1, 2, 3] }, { ranks: [2, 1, 3] }]);
    expect(rows).toEqual([
      { first: 2, second: 0, preferences: ["second", "second"], agree: true },
      { first: 2, second: 1, preferences: ["second", "second"], agree: true },
      { first: 0, second: 1, preferences: ["first", "second"], agree: false },
    ]);
  });

  it("a tie against an order is a disagreement; with one ranking every pair agrees", () => {
    expect(pairMatrix([0, 1], [{ ranks: [1, 1] }, { ranks: [1, 2] }])[0]).toMatchObject({ preferences: ["tie", "first"], agree: false });
    expect(pairMatrix([0, 1, 2, 3], [{ ranks: [4, 3, 2, 1] }]).every((r) => r.agree)).toBe(true);
    expect(pairMatrix([0, 1, 2, 3], [{ ranks: [4, 3, 2, 1] }])).toHaveLength(6);
  });
});
