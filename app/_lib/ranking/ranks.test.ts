import { describe, expect, it } from "vitest";
import { normalizeRanks, rankProblems, ranksFromTiers, sameRanks, tiersFromRanks, topPositions } from "./ranks";

describe("rankProblems", () => {
  const strict = { k: 4, allowTies: false };
  const ties = { k: 4, allowTies: true };

  it("accepts a permutation of 1..K", () => {
    expect(rankProblems([2, 4, 1, 3], strict)).toEqual([]);
  });

  it("names a wrong length", () => {
    expect(rankProblems([1, 2, 3], strict)).toEqual([{ path: "ranks", message: "expected 4 ranks (one per candidate), got 3" }]);
  });

  it("names each out-of-range or non-integer rank by index", () => {
    const problems = rankProblems([0, 2, 5, 1.5], strict);
    expect(problems.map((p) => p.path)).toEqual(["ranks[0]", "ranks[2]", "ranks[3]"]);
    expect(problems[0].message).toMatch(/1 to 4/);
  });

  it("refuses ties unless the project allows them", () => {
    const problems = rankProblems([1, 1, 3, 4], strict);
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe("ranks[1]");
    expect(problems[0].message).toMatch(/does not allow ties/);
    expect(rankProblems([1, 1, 3, 4], ties)).toEqual([]);
    expect(rankProblems([1, 1, 2, 3], ties)).toEqual([]);
  });

  it("respects K", () => {
    expect(rankProblems([1, 2, 3, 4, 5], { k: 5, allowTies: false })).toEqual([]);
    expect(rankProblems([1, 2, 3, 4, 5], strict)).toHaveLength(1);
  });

  it("uses the given field name in paths", () => {
    expect(rankProblems([9, 1, 2, 3], strict, "body.ranks")[0].path).toBe("body.ranks[0]");
  });
});

describe("normalizeRanks", () => {
  it("turns dense ties into standard competition ranks", () => {
    expect(normalizeRanks([1, 2, 2, 3])).toEqual([1, 2, 2, 4]);
    expect(normalizeRanks([2, 1, 1, 2])).toEqual([3, 1, 1, 3]);
  });
  it("leaves a permutation unchanged", () => {
    expect(normalizeRanks([3, 1, 4, 2])).toEqual([3, 1, 4, 2]);
  });
  it("makes equivalent tie notations compare equal", () => {
    expect(sameRanks([1, 2, 2, 3], [1, 2, 2, 4])).toBe(true);
    expect(sameRanks([1, 2, 2, 3], [1, 2, 3, 4])).toBe(false);
  });
  it("compares every candidate, the first included: a tie at the top is not a clear winner", () => {
    // candidates 0 and 1 tied first vs candidate 1 alone first: they differ only at position 0
    expect(sameRanks([1, 1, 3, 4], [2, 1, 3, 4])).toBe(false);
    expect(sameRanks([2, 1, 3, 4], [1, 1, 3, 4])).toBe(false);
    // and at the last position
    expect(sameRanks([1, 2, 3, 3], [1, 2, 3, 4])).toBe(false);
  });
});

describe("tiers", () => {
  it("round-trips between tiers and ranks", () => {
    const ranks = ranksFromTiers([[2], [0, 3], [1]], 4);
    expect(ranks).toEqual([2, 4, 1, 2]);
    expect(tiersFromRanks(ranks)).toEqual([[2], [0, 3], [1]]);
  });
  it("refuses tiers that leave a position out", () => {
    expect(() => ranksFromTiers([[0], [1]], 3)).toThrow();
  });
  it("finds the top positions, tied or not", () => {
    expect(topPositions([2, 1, 3, 1])).toEqual([1, 3]);
    expect(topPositions([2, 1, 3, 4])).toEqual([1]);
  });
});
