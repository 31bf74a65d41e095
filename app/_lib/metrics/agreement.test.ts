import { describe, expect, it } from "vitest";
import { agreementReport, sameTop, topCandidates } from "./agreement";

describe("topCandidates / sameTop", () => {
  it("finds the best candidate(s), ties included", () => {
    expect(topCandidates([2, 1, 3, 4])).toEqual([1]);
    expect(topCandidates([1, 1, 3, 4])).toEqual([0, 1]);
  });
  it("agrees on top-1 when the best candidate is the same even if the rest differs", () => {
    expect(sameTop([1, 2, 3, 4], [1, 4, 3, 2])).toBe(true);
    expect(sameTop([1, 2, 3, 4], [2, 1, 3, 4])).toBe(false);
    expect(sameTop([1, 1, 3, 4], [1, 2, 3, 4])).toBe(false);
  });
});

describe("agreementReport", () => {
  const items = [
    // a & b agree exactly
    { itemId: "i1", rankings: [{ annotatorId: "a", ranks: [1, 2, 3, 4] }, { annotatorId: "b", ranks: [1, 2, 3, 4] }] },
    // a & b share the best, swap the last two: tau = (5 − 1)/6
    { itemId: "i2", rankings: [{ annotatorId: "b", ranks: [1, 2, 3, 4] }, { annotatorId: "a", ranks: [1, 2, 4, 3] }] },
    // a & c fully reversed: tau = −1
    { itemId: "i3", rankings: [{ annotatorId: "a", ranks: [1, 2, 3, 4] }, { annotatorId: "c", ranks: [4, 3, 2, 1] }] },
    // single ranking: not compared
    { itemId: "i4", rankings: [{ annotatorId: "c", ranks: [1, 2, 3, 4] }] },
  ];

  it("computes exact-order, top-1 and mean Kendall tau per annotator pair", () => {
    const r = agreementReport(items);
    expect(r.pairs).toHaveLength(2);
    const ab = r.pairs.find((p) => p.annotatorA === "a" && p.annotatorB === "b")!;
    expect(ab.comparisons).toBe(2);
    expect(ab.exactOrder).toBe(0.5);
    expect(ab.top1).toBe(1);
    expect(ab.meanKendallTau).toBeCloseTo((1 + 4 / 6) / 2, 12);
    const ac = r.pairs.find((p) => p.annotatorA === "a" && p.annotatorB === "c")!;
    expect(ac).toMatchObject({ comparisons: 1, exactOrder: 0, top1: 0, meanKendallTau: -1 });
  });

  it("aggregates the project over every compared pair of rankings", () => {
    const r = agreementReport(items);
    expect(r.project.items).toBe(3);
    expect(r.project.comparisons).toBe(3);
    expect(r.project.exactOrder).toBeCloseTo(1 / 3, 12);
    expect(r.project.top1).toBeCloseTo(2 / 3, 12);
    expect(r.project.meanKendallTau).toBeCloseTo((1 + 4 / 6 - 1) / 3, 12);
  });

  it("compares every pair when an item has three rankings", () => {
    const r = agreementReport([
      {
        itemId: "x",
        rankings: [
          { annotatorId: "a", ranks: [1, 2, 3] },
          { annotatorId: "b", ranks: [1, 2, 3] },
          { annotatorId: "c", ranks: [1, 2, 3] },
        ],
      },
    ]);
    expect(r.project.comparisons).toBe(3);
    expect(r.pairs.map((p) => `${p.annotatorA}-${p.annotatorB}`)).toEqual(["a-b", "a-c", "b-c"]);
    expect(r.project.krippendorffAlpha).toBe(1);
  });

  it("gives ordinal Krippendorff alpha over (item, candidate) cells: 1 when all agree, below 0 when reversed", () => {
    const agree = agreementReport([items[0]]);
    expect(agree.project.krippendorffAlpha).toBe(1);
    const reversed = agreementReport([items[2]]);
    expect(reversed.project.krippendorffAlpha!).toBeLessThan(0);
  });

  it("has no figures when nothing was ranked twice", () => {
    const r = agreementReport([items[3]]);
    expect(r.project).toEqual({ comparisons: 0, exactOrder: null, top1: null, meanKendallTau: null, items: 0, krippendorffAlpha: null });
    expect(r.pairs).toEqual([]);
  });
});
