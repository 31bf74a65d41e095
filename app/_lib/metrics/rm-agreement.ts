// A reward model against the experts' final rankings, added up from the per-item rows written
// once per (model, final item) (app/_lib/reward-models/rm-item-agreement.ts), and the human
// ceiling beside it: each annotator against the final rankings, and annotators against each other.
//
// Intervals (95%): Wilson for the proportions (pairwise accuracy counts candidate pairs, which
// are not independent within an item, so its interval is on the narrow side); a t interval for
// the mean Kendall τ over items.
import { pairAgreement } from "./quality";
import { type Interval, wilsonInterval } from "./wilson";

export type Proportion = { successes: number; n: number; rate: number | null; ci: Interval | null };
export type MeanFigure = { n: number; mean: number | null; ci: Interval | null };

export type AgreementRow = {
  pairs: number;
  agree: number;
  top1: boolean;
  tau: number | null;
  flags: readonly string[];
  pickedBy: string | null;
  /** only for items whose annotators did not all give the same order */
  annotators: readonly { annotatorId: string; n: number; agree: number }[];
};

export type RmSummary = { items: number; pairwise: Proportion; top1: Proportion; tau: MeanFigure };

export type RmAgreementReport = {
  overall: RmSummary;
  /** items where some annotator set the flag on a candidate (the rubric dimension it belongs to) */
  byFlag: (RmSummary & { flag: string })[];
  /** items by how their first ranking was picked from the queue */
  byPick: (RmSummary & { pickedBy: string })[];
  /** in disagreements: how often the RM's order was closest to each annotator's (strictly) */
  sidedWith: (Proportion & { annotatorId: string })[];
};

export function proportion(successes: number, n: number): Proportion {
  return { successes, n, rate: n ? successes / n : null, ci: wilsonInterval(successes, n) };
}

// two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom; 1.96 beyond
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export function tQuantile975(df: number): number {
  return df >= 1 && df <= T975.length ? T975[df - 1] : 1.959964;
}

/** Mean with a 95% t interval (null interval below two values). */
export function meanWithInterval(values: readonly number[]): MeanFigure {
  const n = values.length;
  if (n === 0) return { n, mean: null, ci: null };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { n, mean, ci: null };
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  const half = tQuantile975(n - 1) * Math.sqrt(variance / n);
  return { n, mean, ci: { low: Math.max(-1, mean - half), high: Math.min(1, mean + half) } };
}

export function summarize(rows: readonly AgreementRow[]): RmSummary {
  let pairs = 0;
  let agree = 0;
  let top1 = 0;
  const taus: number[] = [];
  for (const r of rows) {
    pairs += r.pairs;
    agree += r.agree;
    if (r.top1) top1++;
    if (r.tau !== null) taus.push(r.tau);
  }
  return { items: rows.length, pairwise: proportion(agree, pairs), top1: proportion(top1, rows.length), tau: meanWithInterval(taus) };
}

function groupBy<K>(rows: readonly AgreementRow[], keys: (r: AgreementRow) => readonly K[]): Map<K, AgreementRow[]> {
  const out = new Map<K, AgreementRow[]>();
  for (const r of rows) for (const k of keys(r)) out.set(k, [...(out.get(k) ?? []), r]);
  return out;
}

export function rmAgreementReport(rows: readonly AgreementRow[]): RmAgreementReport {
  const byFlag = [...groupBy(rows, (r) => r.flags)].map(([flag, list]) => ({ flag, ...summarize(list) }));
  const byPick = [...groupBy(rows, (r) => [r.pickedBy ?? "DEFAULT"])].map(([pickedBy, list]) => ({ pickedBy, ...summarize(list) }));

  const sided = new Map<string, { n: number; sided: number }>();
  for (const r of rows) {
    if (r.annotators.length < 2) continue;
    const rates = r.annotators.map((a) => (a.n ? a.agree / a.n : 0));
    const best = Math.max(...rates);
    const winners = rates.filter((x) => x === best).length;
    r.annotators.forEach((a, i) => {
      const t = sided.get(a.annotatorId) ?? { n: 0, sided: 0 };
      sided.set(a.annotatorId, { n: t.n + 1, sided: t.sided + (winners === 1 && rates[i] === best ? 1 : 0) });
    });
  }
  return {
    overall: summarize(rows),
    byFlag: byFlag.sort((a, b) => a.flag.localeCompare(b.flag)),
    byPick: byPick.sort((a, b) => a.pickedBy.localeCompare(b.pickedBy)),
    sidedWith: [...sided].map(([annotatorId, t]) => ({ annotatorId, ...proportion(t.sided, t.n) })),
  };
}

export type FinalWithRankings = { finalRanks: readonly number[]; rankings: readonly { annotatorId: string; ranks: readonly number[] }[] };

export type HumanCeiling = {
  /** each annotator's rankings against the final rankings, pooled over candidate pairs */
  annotators: (Proportion & { annotatorId: string })[];
  /** every pair of rankings of the same item, pooled over candidate pairs (InstructGPT: ~73%) */
  interAnnotator: Proportion;
};

export function humanCeiling(items: readonly FinalWithRankings[]): HumanCeiling {
  const per = new Map<string, { n: number; agree: number }>();
  let n = 0;
  let agree = 0;
  for (const item of items) {
    for (const r of item.rankings) {
      if (r.ranks.length !== item.finalRanks.length) continue;
      const c = pairAgreement(r.ranks, item.finalRanks, "b");
      const t = per.get(r.annotatorId) ?? { n: 0, agree: 0 };
      per.set(r.annotatorId, { n: t.n + c.n, agree: t.agree + c.agree });
    }
    for (let i = 0; i < item.rankings.length; i++) {
      for (let j = i + 1; j < item.rankings.length; j++) {
        const a = item.rankings[i];
        const b = item.rankings[j];
        if (a.annotatorId === b.annotatorId || a.ranks.length !== b.ranks.length) continue;
        const c = pairAgreement(a.ranks, b.ranks);
        n += c.n;
        agree += c.agree;
      }
    }
  }
  return {
    annotators: [...per].map(([annotatorId, t]) => ({ annotatorId, ...proportion(t.agree, t.n) })),
    interAnnotator: proportion(agree, n),
  };
}
