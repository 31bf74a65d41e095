// Inter-annotator agreement on rankings: per project and per annotator pair.
// Every item ranked by two or more annotators yields one comparison per pair of its rankings.
import { kendallTauB } from "@/app/_lib/ranking/kendall";
import { krippendorffAlpha } from "./krippendorff-alpha";

export type ItemRanking = { annotatorId: string; ranks: readonly number[] };
export type RankedItem = { itemId: string; rankings: readonly ItemRanking[] };

export type AgreementSummary = {
  /** pairs of rankings of the same item that were compared */
  comparisons: number;
  /** share of comparisons with exactly the same order (ties included) */
  exactOrder: number | null;
  /** share of comparisons with the same best candidate(s) */
  top1: number | null;
  /** mean Kendall tau-b over comparisons where it is defined */
  meanKendallTau: number | null;
};

export type PairAgreement = AgreementSummary & { annotatorA: string; annotatorB: string };

export type AgreementReport = {
  project: AgreementSummary & {
    /** items with at least two rankings */
    items: number;
    /**
     * Krippendorff's alpha with the ORDINAL metric. Units are (item, candidate) cells, coders are
     * annotators, values are the rank each annotator gave that candidate (1..K).
     */
    krippendorffAlpha: number | null;
  };
  /** one row per unordered annotator pair that shares at least one item (annotatorA < annotatorB) */
  pairs: PairAgreement[];
};

/** Positions ranked best (more than one when tied for first). */
export function topCandidates(ranks: readonly number[]): number[] {
  const best = Math.min(...ranks);
  return ranks.flatMap((r, i) => (r === best ? [i] : []));
}

export function sameOrder(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i]);
}

export function sameTop(a: readonly number[], b: readonly number[]): boolean {
  return sameOrder(topCandidates(a), topCandidates(b));
}

class Tally {
  comparisons = 0;
  exact = 0;
  top1 = 0;
  tauSum = 0;
  tauCount = 0;
  add(a: readonly number[], b: readonly number[]) {
    this.comparisons++;
    if (sameOrder(a, b)) this.exact++;
    if (sameTop(a, b)) this.top1++;
    const tau = kendallTauB(a, b);
    if (tau !== null) {
      this.tauSum += tau;
      this.tauCount++;
    }
  }
  summary(): AgreementSummary {
    const c = this.comparisons;
    return {
      comparisons: c,
      exactOrder: c ? this.exact / c : null,
      top1: c ? this.top1 / c : null,
      meanKendallTau: this.tauCount ? this.tauSum / this.tauCount : null,
    };
  }
}

export function agreementReport(items: readonly RankedItem[]): AgreementReport {
  const project = new Tally();
  const pairs = new Map<string, { a: string; b: string; tally: Tally }>();
  const alphaUnits: (number | null)[][] = [];
  const annotators = [...new Set(items.flatMap((i) => i.rankings.map((r) => r.annotatorId)))].sort();
  const column = new Map(annotators.map((id, i) => [id, i]));
  let multiplyRanked = 0;

  for (const item of items) {
    // rankings of one item must describe the same K candidates; a mismatch is a data error upstream
    const rankings = item.rankings.filter((r) => r.ranks.length === item.rankings[0]?.ranks.length);
    if (rankings.length < 2) continue;
    multiplyRanked++;
    for (let i = 0; i < rankings.length; i++) {
      for (let j = i + 1; j < rankings.length; j++) {
        const [x, y] = rankings[i].annotatorId < rankings[j].annotatorId ? [rankings[i], rankings[j]] : [rankings[j], rankings[i]];
        project.add(x.ranks, y.ranks);
        const key = `${x.annotatorId}\u0000${y.annotatorId}`;
        let pair = pairs.get(key);
        if (!pair) pairs.set(key, (pair = { a: x.annotatorId, b: y.annotatorId, tally: new Tally() }));
        pair.tally.add(x.ranks, y.ranks);
      }
    }
    const k = rankings[0].ranks.length;
    for (let pos = 0; pos < k; pos++) {
      const unit = new Array<number | null>(annotators.length).fill(null);
      for (const r of rankings) unit[column.get(r.annotatorId)!] = r.ranks[pos];
      alphaUnits.push(unit);
    }
  }

  return {
    project: { ...project.summary(), items: multiplyRanked, krippendorffAlpha: krippendorffAlpha(alphaUnits, "ordinal").alpha },
    pairs: [...pairs.values()]
      .map(({ a, b, tally }) => ({ annotatorA: a, annotatorB: b, ...tally.summary() }))
      .sort((p, q) => p.annotatorA.localeCompare(q.annotatorA) || p.annotatorB.localeCompare(q.annotatorB)),
  };
}
