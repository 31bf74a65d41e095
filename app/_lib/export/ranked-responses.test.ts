import { describe, expect, it } from "vitest";
import { expandPairs, rankResponses } from "./ranked-responses";

const cands = ["甲", "乙", "丙", "丁"].map((text, position) => ({ position, text, source: `model:m${position}` }));

describe("rankResponses", () => {
  it("orders candidates best-first from canonical ranks", () => {
    expect(rankResponses(cands, [3, 1, 4, 2], null)).toEqual({
      responses: ["乙", "丁", "甲", "丙"],
      ranks: [1, 2, 3, 4],
      sources: ["model:m1", "model:m3", "model:m0", "model:m2"],
      positions: [1, 3, 0, 2],
    });
  });

  it("keeps equal rank numbers for ties (competition ranking, however the tie was stored)", () => {
    expect(rankResponses(cands, [2, 1, 2, 3], null).ranks).toEqual([1, 2, 2, 4]);
    expect(rankResponses(cands, [2, 1, 2, 4], null).ranks).toEqual([1, 2, 2, 4]);
    expect(rankResponses(cands, [1, 1, 1, 1], null).ranks).toEqual([1, 1, 1, 1]);
  });

  it("puts a replacement answer first and shifts the candidates' ranks", () => {
    const r = rankResponses(cands, [1, 2, 3, 4], "抱歉，这个问题我无法确定，请线下就医。");
    expect(r.responses).toEqual(["抱歉，这个问题我无法确定，请线下就医。", "甲", "乙", "丙", "丁"]);
    expect(r.ranks).toEqual([1, 2, 3, 4, 5]);
    expect(r.sources[0]).toBe("replacement");
    expect(r.positions[0]).toBeNull();
  });

  it("refuses a ranking that does not cover every candidate", () => {
    expect(() => rankResponses(cands, [1, 2, 3], null)).toThrow("3 ranks for 4 candidates");
  });
});

describe("expandPairs", () => {
  it("gives C(K,2) pairs for a strict ranking, winner first", () => {
    expect(expandPairs([1, 2, 3, 4])).toEqual([[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]]);
    expect(expandPairs([1, 2, 3, 4, 5, 6])).toHaveLength(15);
  });

  it("gives no pair for a tie", () => {
    expect(expandPairs([1, 2, 2, 4])).toEqual([[0, 1], [0, 2], [0, 3], [1, 3], [2, 3]]);
    expect(expandPairs([1, 1, 1, 1])).toEqual([]);
  });

  it("makes a replacement beat every candidate", () => {
    const pairs = expandPairs([1, 2, 3, 4, 5]);
    expect(pairs).toHaveLength(10);
    expect(pairs.filter(([w]) => w === 0)).toHaveLength(4);
    expect(pairs.some(([, l]) => l === 0)).toBe(false);
  });
});
