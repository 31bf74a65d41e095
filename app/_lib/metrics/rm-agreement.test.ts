import { describe, expect, it } from "vitest";
import { type AgreementRow, humanCeiling, meanWithInterval, rmAgreementReport, tQuantile975 } from "./rm-agreement";
import { wilsonInterval } from "./wilson";

const row = (over: Partial<AgreementRow>): AgreementRow => ({ pairs: 6, agree: 6, top1: true, tau: 1, flags: [], pickedBy: null, annotators: [], ...over });

describe("reward model vs final rankings, added up", () => {
  it("pools pairs for pairwise accuracy, counts items for top-1, averages τ, with 95% intervals", () => {
    const rows = [row({ agree: 5, tau: 0.6 }), row({ agree: 3, top1: false, tau: 0 }), row({ pairs: 5, agree: 5, tau: null })];
    const r = rmAgreementReport(rows).overall;
    expect(r.items).toBe(3);
    expect(r.pairwise).toMatchObject({ successes: 13, n: 17, rate: 13 / 17, ci: wilsonInterval(13, 17) });
    expect(r.top1).toMatchObject({ successes: 2, n: 3 });
    // τ over the two items where it is defined: mean 0.3, sd 0.4243, t(1) = 12.706
    expect(r.tau.n).toBe(2);
    expect(r.tau.mean).toBeCloseTo(0.3);
    const half = 12.706 * (Math.sqrt(0.18) / Math.sqrt(2));
    expect(r.tau.ci).toEqual({ low: Math.max(-1, 0.3 - half), high: Math.min(1, 0.3 + half) });
  });

  it("splits by rubric flag and by how the item was picked (unrecorded picks count as the default order)", () => {
    const rows = [row({ flags: ["unsafe"], pickedBy: "UNCERTAINTY", agree: 2 }), row({ flags: ["unsafe", "unclear"], pickedBy: "RANDOM" }), row({})];
    const report = rmAgreementReport(rows);
    expect(report.byFlag.map((f) => [f.flag, f.items, f.pairwise.successes])).toEqual([
      ["unclear", 1, 6],
      ["unsafe", 2, 8],
    ]);
    expect(report.byPick.map((p) => [p.pickedBy, p.items])).toEqual([
      ["DEFAULT", 1],
      ["RANDOM", 1],
      ["UNCERTAINTY", 1],
    ]);
  });

  it("in disagreements, credits the annotator the RM is strictly closest to, and no one on a tie", () => {
    const rows = [
      row({ annotators: [{ annotatorId: "a", n: 6, agree: 5 }, { annotatorId: "b", n: 6, agree: 2 }] }),
      row({ annotators: [{ annotatorId: "a", n: 6, agree: 3 }, { annotatorId: "b", n: 6, agree: 3 }] }),
      row({ annotators: [{ annotatorId: "a", n: 6, agree: 1 }, { annotatorId: "b", n: 6, agree: 4 }] }),
    ];
    const sided = Object.fromEntries(rmAgreementReport(rows).sidedWith.map((s) => [s.annotatorId, [s.successes, s.n]]));
    expect(sided).toEqual({ a: [1, 3], b: [1, 3] });
  });

  it("gives the t quantile for small samples and no interval below two values", () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(100)).toBeCloseTo(1.96);
    expect(meanWithInterval([0.5])).toEqual({ n: 1, mean: 0.5, ci: null });
  });
});

describe("the human ceiling", () => {
  it("scores each annotator against the final ranking and the annotators against each other, over candidate pairs", () => {
    const items = [
      { finalRanks: [1, 2, 3], rankings: [{ annotatorId: "a", ranks: [1, 2, 3] }, { annotatorId: "b", ranks: [2, 1, 3] }] },
      { finalRanks: [1, 1, 2], rankings: [{ annotatorId: "a", ranks: [1, 2, 3] }, { annotatorId: "b", ranks: [1, 2, 3] }] },
    ];
    const c = humanCeiling(items);
    // a: 3/3 + 2/2 (the final tie asks nothing); b: 2/3 + 2/2
    expect(Object.fromEntries(c.annotators.map((a) => [a.annotatorId, [a.successes, a.n]]))).toEqual({ a: [5, 5], b: [4, 5] });
    // a vs b: item 1 agrees on 2 of 3 pairs, item 2 on 3 of 3
    expect(c.interAnnotator).toMatchObject({ successes: 5, n: 6 });
  });
});
