import { describe, expect, it } from "vitest";
import { consensusOrder } from "./consensus";

const r = (ranks: number[], replacement: string | null = null) => ({ ranks, replacement });

describe("consensusOrder", () => {
  it("returns the common order of identical rankings", () => {
    expect(consensusOrder([r([2, 1, 4, 3]), r([2, 1, 4, 3])], { allowTies: false })).toEqual({ ranks: [2, 1, 4, 3], replacement: null });
  });

  it("orders by mean rank when the rankings differ below the top", () => {
    // means: 1, 2, 3.5, 3.5 → the earliest ranking breaks the 3.5 tie (it put position 2 third)
    expect(consensusOrder([r([1, 2, 3, 4]), r([1, 2, 4, 3])], { allowTies: false }).ranks).toEqual([1, 2, 3, 4]);
    expect(consensusOrder([r([1, 2, 4, 3]), r([1, 2, 3, 4])], { allowTies: false }).ranks).toEqual([1, 2, 4, 3]);
  });

  it("keeps an even split as a tie when the project allows ties", () => {
    expect(consensusOrder([r([1, 2, 3, 4]), r([1, 2, 4, 3])], { allowTies: true }).ranks).toEqual([1, 2, 3, 3]);
  });

  it("normalises tie notation", () => {
    expect(consensusOrder([r([1, 2, 2, 3]), r([1, 2, 2, 4])], { allowTies: true }).ranks).toEqual([1, 2, 2, 4]);
  });

  it("keeps the earliest wording of a shared replacement", () => {
    expect(consensusOrder([r([1, 2, 3, 4], "抱歉，无法确定。"), r([1, 2, 3, 4], "抱歉,无法确定。")], { allowTies: false }).replacement).toBe("抱歉，无法确定。");
  });

  it("refuses rankings with different replacements (that is the adjudicator's call)", () => {
    expect(() => consensusOrder([r([1, 2, 3, 4], "a"), r([1, 2, 3, 4])], { allowTies: false })).toThrow(/replacement/);
  });

  it("always yields a valid permutation without ties", () => {
    const out = consensusOrder([r([1, 2, 3, 4]), r([4, 3, 2, 1])], { allowTies: false }).ranks;
    expect([...out].sort()).toEqual([1, 2, 3, 4]);
  });
});
