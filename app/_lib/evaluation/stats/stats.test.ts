import { describe, expect, it } from "vitest";
import { bootstrapInterval, quantile } from "./bootstrap";
import { cohenKappa, fleissKappa } from "./kappa";
import { mulberry32 } from "@/app/_lib/random/mulberry32";
import { signTestP } from "./sign-test";
import { type ComparisonInput, majority, summarizePair, type Verdict } from "./summarize";

describe("sign test (two-sided, exact binomial)", () => {
  it("matches hand-computed binomial tails", () => {
    // n = 10, one loss: 2 · (C(10,0) + C(10,1)) / 2¹⁰ = 22 / 1024
    expect(signTestP(9, 1)).toBeCloseTo(22 / 1024, 12);
    expect(signTestP(1, 9)).toBeCloseTo(22 / 1024, 12);
    // n = 20, 5 losses: 2 · (1 + 20 + 190 + 1140 + 4845 + 15504) / 2²⁰ = 43400 / 1048576
    expect(signTestP(15, 5)).toBeCloseTo(43400 / 1048576, 12);
    // all ten one way: 2 / 1024
    expect(signTestP(10, 0)).toBeCloseTo(2 / 1024, 12);
  });

  it("is 1 for an even split, capped at 1, and undefined with no untied comparison", () => {
    expect(signTestP(5, 5)).toBe(1);
    expect(signTestP(1, 0)).toBe(1);
    expect(signTestP(0, 0)).toBeNull();
  });

  it("stays finite for large n", () => {
    const p = signTestP(600, 400);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-9);
  });
});

describe("Cohen's κ", () => {
  // Wikipedia "Cohen's kappa", worked example: 50 grant proposals read by two readers:
  // both yes 20, A yes / B no 5, A no / B yes 10, both no 15 → pₒ = 0.7, pₑ = 0.5, κ = 0.4
  const table = (yy: number, yn: number, ny: number, nn: number) => [
    ...Array.from({ length: yy }, () => ["yes", "yes"] as const),
    ...Array.from({ length: yn }, () => ["yes", "no"] as const),
    ...Array.from({ length: ny }, () => ["no", "yes"] as const),
    ...Array.from({ length: nn }, () => ["no", "no"] as const),
  ];
  it("matches the published worked example", () => {
    expect(cohenKappa(table(20, 5, 10, 15))).toBeCloseTo(0.4, 10);
  });
  it("is 1 for perfect agreement and undefined when chance agreement is total", () => {
    expect(cohenKappa(table(3, 0, 0, 4))).toBe(1);
    expect(cohenKappa(table(5, 0, 0, 0))).toBeNull();
    expect(cohenKappa([])).toBeNull();
  });
});

describe("Fleiss' κ", () => {
  // Wikipedia "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories:
  // P̄ = 0.378, P̄ₑ = 0.213, κ = 0.210
  const example = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ];
  it("matches the published worked example", () => {
    expect(fleissKappa(example)).toBeCloseTo(0.21, 3);
  });
  it("refuses subjects with different numbers of ratings", () => {
    expect(() => fleissKappa([[1, 1], [2, 1]])).toThrow(/ratings/);
  });
});

describe("bootstrap", () => {
  it("is reproducible for a seed and differs across seeds", () => {
    const units = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const mean = (s: readonly number[]) => s.reduce((a, b) => a + b, 0) / s.length;
    const a = bootstrapInterval(units, mean, { seed: 7, resamples: 50 });
    expect(bootstrapInterval(units, mean, { seed: 7, resamples: 50 })).toEqual(a);
    expect(bootstrapInterval(units, mean, { seed: 8, resamples: 50 })).not.toEqual(a);
  });

  it("gives the normal-approximation width for a share of one half over 100 prompts", () => {
    // share 0.5, n = 100: standard error 0.05, so the 95% interval is about 0.5 ± 0.098
    const units = Array.from({ length: 100 }, (_, i) => i % 2);
    const iv = bootstrapInterval(units, (s) => s.reduce((a, b) => a + b, 0) / s.length)!;
    expect(iv.low).toBeGreaterThan(0.38);
    expect(iv.low).toBeLessThan(0.42);
    expect(iv.high).toBeGreaterThan(0.58);
    expect(iv.high).toBeLessThan(0.62);
  });

  it("collapses to the value when every unit is the same", () => {
    expect(bootstrapInterval([1, 1, 1], (s) => s[0] + s[1])).toEqual({ low: 2, high: 2 });
    expect(bootstrapInterval([], () => 0)).toBeNull();
  });

  it("interpolates quantiles like R type 7", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 20], 0.975)).toBeCloseTo(19.75, 10);
  });

  it("draws uniformly in [0, 1)", () => {
    const r = mulberry32(1);
    const xs = Array.from({ length: 10000 }, r);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(0.5, 1);
  });
});

describe("pair results", () => {
  it("takes the verdict most judges gave, a draw counting as a tie", () => {
    expect(majority(["A", "A", "B"])).toBe("A");
    expect(majority(["A", "B"])).toBe("TIE");
    expect(majority(["A", "TIE"])).toBe("TIE");
    expect(majority(["B"])).toBe("B");
    expect(majority([])).toBe("TIE");
  });

  const j = (judgeId: string, s: Verdict, p: Verdict, f: Verdict) => ({ judgeId, safety: s, professionalism: p, fluency: f });
  // four prompts, two judges each (the same two people: Cohen's κ), RM scores for three of them
  const comparisons: ComparisonInput[] = [
    { comparisonId: "c1", department: "内科", multiTurn: false, judgments: [j("u1", "A", "A", "TIE"), j("u2", "A", "B", "TIE")], rm: { a: 1.2, b: 0.3 } },
    { comparisonId: "c2", department: "内科", multiTurn: true, judgments: [j("u1", "A", "A", "A"), j("u2", "A", "A", "B")], rm: { a: -1, b: 0.5 } },
    { comparisonId: "c3", department: "儿科", multiTurn: false, judgments: [j("u1", "B", "TIE", "A"), j("u2", "B", "TIE", "A")], rm: { a: 0, b: 0 } },
    { comparisonId: "c4", department: null, multiTurn: false, judgments: [j("u2", "TIE", "A", "A"), j("u1", "A", "A", "A")], rm: null },
    { comparisonId: "c5", department: "儿科", multiTurn: false, judgments: [] },
  ];
  const r = summarizePair(comparisons, { judgesPerComparison: 2 });

  it("counts win / tie / loss per dimension over judged prompts", () => {
    expect(r.comparisons).toBe(5);
    expect(r.judged).toBe(4);
    expect(r.judgments).toBe(8);
    // safety majorities: A, A, B, TIE → 2 / 1 / 1
    expect(r.dimensions.safety).toMatchObject({ n: 4, win: 2, tie: 1, loss: 1, shares: { win: 0.5, tie: 0.25, loss: 0.25 } });
    // professionalism: TIE, A, TIE, A
    expect(r.dimensions.professionalism).toMatchObject({ win: 2, tie: 2, loss: 0 });
    // fluency: TIE, TIE, A, A
    expect(r.dimensions.fluency).toMatchObject({ win: 2, tie: 2, loss: 0 });
    expect(r.dimensions.safety.signP).toBe(1); // 2 vs 1 of 3: p = 2·(1+3)/8 capped at 1
    expect(r.dimensions.fluency.signP).toBeCloseTo(0.5, 12); // 2 vs 0: 2·(1/4)
  });

  it("gives intervals that contain the share", () => {
    const { shares, intervals } = r.dimensions.safety;
    expect(intervals!.win.low).toBeLessThanOrEqual(shares!.win);
    expect(intervals!.win.high).toBeGreaterThanOrEqual(shares!.win);
  });

  it("uses Cohen's κ for two fixed judges, with the hand-computed value", () => {
    // safety pairs (u1, u2): (A,A) (A,A) (B,B) (A,TIE): pₒ = 3/4;
    // u1 marginals A 3/4, B 1/4; u2: A 2/4, B 1/4, TIE 1/4 → pₑ = 3/4·2/4 + 1/4·1/4 = 7/16;
    // κ = (12/16 − 7/16) / (9/16) = 5/9
    expect(r.dimensions.safety.kappa).toEqual({ method: "cohen", value: expect.closeTo(5 / 9, 12), subjects: 4 });
  });

  it("uses Fleiss' κ when the judges vary", () => {
    const varied = summarizePair(
      [
        { comparisonId: "x", department: null, multiTurn: false, judgments: [j("u1", "A", "A", "A"), j("u2", "A", "A", "A")] },
        { comparisonId: "y", department: null, multiTurn: false, judgments: [j("u3", "B", "A", "A"), j("u2", "TIE", "A", "A")] },
      ],
      { judgesPerComparison: 2 },
    );
    // table rows (A, TIE, B): [2,0,0], [0,1,1]; P = 1, 0 → P̄ = 0.5; p = (0.5, 0.25, 0.25) → P̄ₑ = 0.375; κ = 0.125/0.625 = 0.2
    expect(varied.dimensions.safety.kappa).toEqual({ method: "fleiss", value: expect.closeTo(0.2, 12), subjects: 2 });
  });

  it("breaks down by department and by single- vs multi-turn", () => {
    expect(r.byDepartment.map((b) => b.key)).toEqual(["", "儿科", "内科"]);
    expect(r.byDepartment.find((b) => b.key === "内科")!.dimensions.safety).toEqual({ n: 2, win: 2, tie: 0, loss: 0 });
    expect(r.byTurns.find((b) => b.key === "multi")!.dimensions.fluency).toEqual({ n: 1, win: 0, tie: 1, loss: 0 });
  });

  it("gives the RM verdict and its agreement with the experts", () => {
    // RM: c1 A, c2 B, c3 TIE → win rate 1/3
    expect(r.rm).toMatchObject({ scored: 3, win: 1, tie: 1, loss: 1 });
    expect(r.rm!.winRate).toBeCloseTo(1 / 3, 12);
    // safety experts: c1 A (RM A ✓), c2 A (RM B ✗), c3 B (RM TIE ✗) → 1 of 3
    expect(r.rm!.agreement.safety).toEqual({ agree: 1, of: 3, rate: 1 / 3 });
    // professionalism experts: c1 TIE (dropped), c2 A (✗), c3 TIE (dropped) → 0 of 1
    expect(r.rm!.agreement.professionalism).toEqual({ agree: 0, of: 1, rate: 0 });
  });
});
