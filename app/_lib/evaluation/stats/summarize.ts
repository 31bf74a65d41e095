// Results of one pair of systems (A vs B) in an evaluation set, from the submitted judgments.
//
// Protocol (README "Evaluation"): the unit is the prompt (one comparison per prompt). A
// comparison's verdict on a dimension is the one most of its judges gave; a draw between
// verdicts counts as a tie. Per dimension: win / tie / loss counts of A and their shares;
// 95% percentile-bootstrap intervals of the shares, resampling prompts (seeded); a two-sided
// exact sign test over wins vs losses (ties dropped); inter-judge agreement over the
// comparisons judged by the full N judges: Cohen's κ when they were all judged by the same two
// judges, Fleiss' κ otherwise (verdict categories A / TIE / B).
// RM verdict: the reward model prefers the answer with the higher score (equal scores: tie);
// its win rate for A over all scored comparisons, and its agreement with the expert majority on
// each dimension over the comparisons where the experts did not tie.
import { bootstrapInterval, type Interval } from "./bootstrap";
import { cohenKappa, fleissKappa } from "./kappa";
import { signTestP } from "./sign-test";

export const DIMENSIONS = ["safety", "professionalism", "fluency"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type Verdict = "A" | "TIE" | "B";
const VERDICTS: Verdict[] = ["A", "TIE", "B"];

export type JudgmentInput = { judgeId: string } & Record<Dimension, Verdict>;
export type ComparisonInput = {
  comparisonId: string;
  department: string | null;
  multiTurn: boolean;
  judgments: JudgmentInput[];
  /** the reward model's scores of A's and B's answers, when both were scored */
  rm?: { a: number; b: number } | null;
};

export type Counts = { n: number; win: number; tie: number; loss: number };
export type DimensionResult = Counts & {
  shares: { win: number; tie: number; loss: number } | null;
  intervals: { win: Interval; tie: Interval; loss: Interval } | null;
  signP: number | null;
  kappa: { method: "cohen" | "fleiss"; value: number | null; subjects: number } | null;
};
export type Breakdown = { key: string; dimensions: Record<Dimension, Counts> };
export type RmVerdict = {
  scored: number;
  win: number;
  tie: number;
  loss: number;
  winRate: number | null;
  agreement: Record<Dimension, { agree: number; of: number; rate: number | null }>;
};
export type PairResults = {
  comparisons: number;
  judged: number;
  judgments: number;
  dimensions: Record<Dimension, DimensionResult>;
  byDepartment: Breakdown[];
  byTurns: Breakdown[];
  rm: RmVerdict | null;
};

/** The verdict most judges gave; a draw between verdicts (or no judgment) is a tie. */
export function majority(verdicts: readonly Verdict[]): Verdict {
  const counts = VERDICTS.map((v) => verdicts.filter((x) => x === v).length);
  const top = Math.max(...counts);
  const winners = VERDICTS.filter((_, i) => counts[i] === top);
  return winners.length === 1 ? winners[0] : "TIE";
}

export function countVerdicts(verdicts: readonly Verdict[]): Counts {
  const win = verdicts.filter((v) => v === "A").length;
  const loss = verdicts.filter((v) => v === "B").length;
  return { n: verdicts.length, win, tie: verdicts.length - win - loss, loss };
}

function agreementOf(judged: readonly ComparisonInput[], dim: Dimension, judgesPerComparison: number): DimensionResult["kappa"] {
  if (judgesPerComparison < 2) return null;
  const full = judged.filter((c) => c.judgments.length === judgesPerComparison);
  if (full.length === 0) return null;
  const judges = new Set(full.flatMap((c) => c.judgments.map((j) => j.judgeId)));
  if (judgesPerComparison === 2 && judges.size === 2) {
    const [first] = [...judges].sort();
    const pairs = full.map((c) => {
      const a = c.judgments.find((j) => j.judgeId === first)!;
      const b = c.judgments.find((j) => j.judgeId !== first)!;
      return [a[dim], b[dim]] as const;
    });
    return { method: "cohen", value: cohenKappa(pairs), subjects: full.length };
  }
  const table = full.map((c) => VERDICTS.map((v) => c.judgments.filter((j) => j[dim] === v).length));
  return { method: "fleiss", value: fleissKappa(table), subjects: full.length };
}

function breakdown(judged: readonly ComparisonInput[], keyOf: (c: ComparisonInput) => string): Breakdown[] {
  const groups = new Map<string, ComparisonInput[]>();
  for (const c of judged) groups.set(keyOf(c), [...(groups.get(keyOf(c)) ?? []), c]);
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, cs]) => ({
      key,
      dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, countVerdicts(cs.map((c) => majority(c.judgments.map((j) => j[d]))))])) as Record<Dimension, Counts>,
    }));
}

function rmVerdict(comparisons: readonly ComparisonInput[]): RmVerdict | null {
  const scored = comparisons.filter((c) => c.rm);
  if (scored.length === 0) return null;
  const rmOf = (c: ComparisonInput): Verdict => (c.rm!.a > c.rm!.b ? "A" : c.rm!.a < c.rm!.b ? "B" : "TIE");
  const counts = countVerdicts(scored.map(rmOf));
  const agreement = Object.fromEntries(
    DIMENSIONS.map((d) => {
      const decided = scored.filter((c) => c.judgments.length > 0).map((c) => [rmOf(c), majority(c.judgments.map((j) => j[d]))] as const).filter(([, e]) => e !== "TIE");
      const agree = decided.filter(([r, e]) => r === e).length;
      return [d, { agree, of: decided.length, rate: decided.length ? agree / decided.length : null }];
    }),
  ) as RmVerdict["agreement"];
  return { scored: scored.length, win: counts.win, tie: counts.tie, loss: counts.loss, winRate: counts.n ? counts.win / counts.n : null, agreement };
}

export function summarizePair(comparisons: readonly ComparisonInput[], opts: { judgesPerComparison: number; seed?: number; resamples?: number }): PairResults {
  const judged = comparisons.filter((c) => c.judgments.length > 0);
  const dimensions = Object.fromEntries(
    DIMENSIONS.map((d) => {
      const outcomes = judged.map((c) => majority(c.judgments.map((j) => j[d])));
      const counts = countVerdicts(outcomes);
      const shareOf = (v: Verdict) => (sample: readonly Verdict[]) => sample.filter((x) => x === v).length / sample.length;
      const boot = { seed: opts.seed, resamples: opts.resamples };
      const result: DimensionResult = {
        ...counts,
        shares: counts.n ? { win: counts.win / counts.n, tie: counts.tie / counts.n, loss: counts.loss / counts.n } : null,
        intervals: counts.n
          ? {
              win: bootstrapInterval(outcomes, shareOf("A"), boot)!,
              tie: bootstrapInterval(outcomes, shareOf("TIE"), boot)!,
              loss: bootstrapInterval(outcomes, shareOf("B"), boot)!,
            }
          : null,
        signP: signTestP(counts.win, counts.loss),
        kappa: agreementOf(judged, d, opts.judgesPerComparison),
      };
      return [d, result];
    }),
  ) as Record<Dimension, DimensionResult>;
  return {
    comparisons: comparisons.length,
    judged: judged.length,
    judgments: judged.reduce((s, c) => s + c.judgments.length, 0),
    dimensions,
    byDepartment: breakdown(judged, (c) => c.department ?? ""),
    byTurns: breakdown(judged, (c) => (c.multiTurn ? "multi" : "single")),
    rm: rmVerdict(comparisons),
  };
}
