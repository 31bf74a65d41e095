import { describe, expect, it } from "vitest";
import { isDisplayOrder, pairAgreement, QUALITY_LIMITS, type QualityRanking, qualityReport } from "./quality";

const SHOWN = [2, 0, 3, 1];
/** ranks equal to the display order SHOWN: position 2 first, then 0, 3, 1 */
const AS_SHOWN = [2, 4, 1, 3];

function r(annotatorId: string, itemId: string, over: Partial<QualityRanking> = {}): QualityRanking {
  return { annotatorId, itemId, ranks: [1, 2, 3, 4], durationMs: 60_000, displayOrder: SHOWN, goldRanks: null, ...over };
}

describe("quality building blocks", () => {
  it("recognises a ranking that is exactly the order shown", () => {
    expect(isDisplayOrder(SHOWN, AS_SHOWN)).toBe(true);
    expect(isDisplayOrder(SHOWN, [1, 2, 3, 4])).toBe(false);
    expect(isDisplayOrder([0, 1], [1, 1])).toBe(false);
  });

  it("counts agreeing candidate pairs, a tie against an order counting as a disagreement", () => {
    expect(pairAgreement([1, 2, 3, 4], [1, 2, 3, 4])).toEqual({ n: 6, agree: 6 });
    expect(pairAgreement([1, 2, 3, 4], [4, 3, 2, 1])).toEqual({ n: 6, agree: 0 });
    expect(pairAgreement([1, 1, 2], [1, 2, 3])).toEqual({ n: 3, agree: 2 });
    expect(pairAgreement([1, 1, 2], [1, 1, 2])).toEqual({ n: 2, agree: 2 });
    // gold: only the pairs the expected order decides
    expect(pairAgreement([1, 2, 3], [1, 1, 2], "b")).toEqual({ n: 2, agree: 2 });
  });
});

describe("qualityReport", () => {
  it("greys a check out below the minimum n, and never alerts on it", () => {
    const few = Array.from({ length: QUALITY_LIMITS.minRankings - 1 }, (_, i) => r("u", `i${i}`, { durationMs: 500 }));
    const [u] = qualityReport(4, few).annotators;
    expect(u.fast).toMatchObject({ n: 9, successes: 9, rate: 1, enough: false, alert: false });
    expect(u.fast.ci!.low).toBeGreaterThan(0.6);
  });

  it("alerts on very fast rankings only when the share is clearly above the limit", () => {
    const rush = Array.from({ length: 20 }, (_, i) => r("rush", `i${i}`, { durationMs: i < 12 ? 800 : 60_000 }));
    const calm = Array.from({ length: 20 }, (_, i) => r("calm", `j${i}`, { durationMs: i < 3 ? 8_000 : 60_000 }));
    const report = qualityReport(4, [...rush, ...calm]);
    const by = new Map(report.annotators.map((a) => [a.annotatorId, a]));
    expect(by.get("rush")!.fast).toMatchObject({ successes: 12, n: 20, enough: true, alert: true });
    expect(by.get("calm")!.fast).toMatchObject({ successes: 3, n: 20, enough: true, alert: false });
  });

  it("alerts on an annotator who submits the display order more often than chance (1/K!)", () => {
    const lazy = Array.from({ length: 20 }, (_, i) => r("lazy", `i${i}`, { ranks: i < 6 ? AS_SHOWN : [1, 2, 3, 4] }));
    const fair = Array.from({ length: 20 }, (_, i) => r("fair", `j${i}`, { ranks: i < 1 ? AS_SHOWN : [1, 2, 3, 4] }));
    const report = qualityReport(4, [...lazy, ...fair]);
    expect(report.displayOrderChance).toBeCloseTo(1 / 24);
    const by = new Map(report.annotators.map((a) => [a.annotatorId, a]));
    expect(by.get("lazy")!.displayOrder).toMatchObject({ successes: 6, alert: true });
    expect(by.get("fair")!.displayOrder).toMatchObject({ successes: 1, alert: false });
  });

  it("alerts on low agreement with peers against the project's pooled agreement", () => {
    const rankings: QualityRanking[] = [];
    for (let i = 0; i < 10; i++) {
      // a and b agree; c reverses them
      rankings.push(r("a", `i${i}`), r("b", `i${i}`), r("c", `i${i}`, { ranks: [4, 3, 2, 1] }));
    }
    const report = qualityReport(4, rankings);
    expect(report.peerBaseline).toBeCloseTo(60 / 180);
    const by = new Map(report.annotators.map((a) => [a.annotatorId, a]));
    expect(by.get("c")!.peerAgreement).toMatchObject({ successes: 0, n: 120, alert: true });
    expect(by.get("a")!.peerAgreement).toMatchObject({ successes: 60, n: 120, alert: false });
  });

  it("scores gold items against their expected order", () => {
    const gold = [1, 2, 3, 4];
    const good = Array.from({ length: 6 }, (_, i) => r("good", `g${i}`, { goldRanks: gold }));
    const bad = Array.from({ length: 6 }, (_, i) => r("bad", `g${i}`, { goldRanks: gold, ranks: [4, 3, 2, 1] }));
    const one = [r("new", "g0", { goldRanks: gold, ranks: [2, 1, 3, 4] }), r("new", "x", {})];
    const by = new Map(qualityReport(4, [...good, ...bad, ...one]).annotators.map((a) => [a.annotatorId, a]));
    expect(by.get("good")!.gold).toMatchObject({ items: 6, successes: 36, n: 36, rate: 1, enough: true, alert: false });
    expect(by.get("bad")!.gold).toMatchObject({ items: 6, successes: 0, n: 36, enough: true, alert: true });
    expect(by.get("new")!.gold).toMatchObject({ items: 1, successes: 5, n: 6, enough: false, alert: false });
  });
});
