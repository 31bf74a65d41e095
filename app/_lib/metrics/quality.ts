// Quality checks per annotator, each a proportion with its n and a 95% Wilson interval, and an
// alert only when the interval is clear of the limit — so an alert means "with 95% confidence",
// and a figure resting on too few observations is shown greyed out instead of alarming anyone.
//
//  - fast: share of rankings submitted in under FAST_MS. Reading four long answers takes longer;
//    alert when the interval lies above FAST_SHARE_LIMIT.
//  - display order: share of rankings identical to the order the candidates were shown in
//    (position bias of one person). The display order is a random permutation, so an honest
//    annotator matches it by chance 1 / K! of the time (1/24 for K = 4); alert when the interval
//    lies above that chance level.
//  - peer agreement: over the items the annotator shares with others, the share of candidate
//    pairs ordered the same way as the other annotator(s). Alert when the interval lies below
//    the project's pooled agreement (all annotator pairs).
//  - gold: over gold items (app/_lib/gold), the share of candidate pairs the expected order
//    decides that the annotator ordered the same way. Alert when the interval lies below
//    GOLD_ACCURACY_LIMIT.
// Pairs of one item are not independent, so the pair-based intervals are somewhat narrow; the
// minimum n keeps them from speaking early.
import { type Interval, wilsonInterval } from "./wilson";

export const QUALITY_LIMITS = {
  fastMs: 10_000,
  fastShareLimit: 0.2,
  goldAccuracyLimit: 0.7,
  /** rankings before the per-ranking checks (fast, display order) mean anything */
  minRankings: 10,
  /** candidate pairs before the pair-based checks (peers, gold) mean anything: about five items of K = 4 */
  minPairs: 30,
} as const;

export type QualityRanking = {
  annotatorId: string;
  itemId: string;
  ranks: readonly number[];
  durationMs: number;
  /** candidate positions in the order shown to the annotator */
  displayOrder: readonly number[];
  /** the expected order when the item is a gold item */
  goldRanks: readonly number[] | null;
};

export type QualityCheck = {
  successes: number;
  n: number;
  rate: number | null;
  ci: Interval | null;
  /** n reached the minimum: the figure may be read (and may alert) */
  enough: boolean;
  alert: boolean;
  /** the limit the interval is compared with */
  limit: number | null;
};

export type AnnotatorQuality = {
  annotatorId: string;
  rankings: number;
  fast: QualityCheck;
  displayOrder: QualityCheck;
  peerAgreement: QualityCheck;
  gold: QualityCheck & { items: number };
};

export type QualityReport = {
  annotators: AnnotatorQuality[];
  /** pooled pairwise agreement of all annotator pairs: the peer check's limit */
  peerBaseline: number | null;
  /** 1 / K!: how often a random order equals the display order */
  displayOrderChance: number;
};

/** Whether a ranking is exactly the order it was shown in (no ties, 1, 2, … down the screen). */
export function isDisplayOrder(displayOrder: readonly number[], ranks: readonly number[]): boolean {
  return displayOrder.length === ranks.length && displayOrder.every((position, slot) => ranks[position] === slot + 1);
}

/**
 * Candidate pairs two rankings both express an order on or differ on: `n` counts pairs where at
 * least one of them is strict (a tie against an order is a disagreement); `agree` those with the
 * same order. With `onlyDecidedBy: "b"` only the pairs b orders are counted (gold: the expected
 * order decides what is asked).
 */
export function pairAgreement(a: readonly number[], b: readonly number[], onlyDecidedBy?: "b"): { n: number; agree: number } {
  let n = 0;
  let agree = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) {
      const sa = Math.sign(a[i] - a[j]);
      const sb = Math.sign(b[i] - b[j]);
      if (sb === 0 && (onlyDecidedBy === "b" || sa === 0)) continue;
      n++;
      if (sa === sb) agree++;
    }
  }
  return { n, agree };
}

function factorial(k: number): number {
  let f = 1;
  for (let i = 2; i <= k; i++) f *= i;
  return f;
}

function check(successes: number, n: number, minN: number, limit: number | null, alertWhen: (ci: Interval, limit: number) => boolean): QualityCheck {
  const ci = wilsonInterval(successes, n);
  const enough = n >= minN;
  return { successes, n, rate: n ? successes / n : null, ci, enough, limit, alert: enough && ci !== null && limit !== null && alertWhen(ci, limit) };
}

export function qualityReport(k: number, rankings: readonly QualityRanking[]): QualityReport {
  const byItem = new Map<string, QualityRanking[]>();
  const byAnnotator = new Map<string, QualityRanking[]>();
  for (const r of rankings) {
    byItem.set(r.itemId, [...(byItem.get(r.itemId) ?? []), r]);
    byAnnotator.set(r.annotatorId, [...(byAnnotator.get(r.annotatorId) ?? []), r]);
  }

  // peers: every ranking against every other ranking of the same item, counted for both people
  const peer = new Map<string, { n: number; agree: number }>();
  let pooledN = 0;
  let pooledAgree = 0;
  for (const list of byItem.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        if (list[i].annotatorId === list[j].annotatorId || list[i].ranks.length !== list[j].ranks.length) continue;
        const c = pairAgreement(list[i].ranks, list[j].ranks);
        pooledN += c.n;
        pooledAgree += c.agree;
        for (const id of [list[i].annotatorId, list[j].annotatorId]) {
          const t = peer.get(id) ?? { n: 0, agree: 0 };
          peer.set(id, { n: t.n + c.n, agree: t.agree + c.agree });
        }
      }
    }
  }
  const peerBaseline = pooledN ? pooledAgree / pooledN : null;
  const displayOrderChance = 1 / factorial(k);
  const L = QUALITY_LIMITS;

  const annotators = [...byAnnotator.entries()].map(([annotatorId, list]): AnnotatorQuality => {
    const fast = list.filter((r) => r.durationMs < L.fastMs).length;
    const shown = list.filter((r) => isDisplayOrder(r.displayOrder, r.ranks)).length;
    const p = peer.get(annotatorId) ?? { n: 0, agree: 0 };
    const goldList = list.filter((r) => r.goldRanks && r.goldRanks.length === r.ranks.length);
    const gold = goldList.reduce(
      (t, r) => {
        const c = pairAgreement(r.ranks, r.goldRanks!, "b");
        return { n: t.n + c.n, agree: t.agree + c.agree };
      },
      { n: 0, agree: 0 },
    );
    return {
      annotatorId,
      rankings: list.length,
      fast: check(fast, list.length, L.minRankings, L.fastShareLimit, (ci, limit) => ci.low > limit),
      displayOrder: check(shown, list.length, L.minRankings, displayOrderChance, (ci, limit) => ci.low > limit),
      peerAgreement: check(p.agree, p.n, L.minPairs, peerBaseline, (ci, limit) => ci.high < limit),
      gold: { ...check(gold.agree, gold.n, L.minPairs, L.goldAccuracyLimit, (ci, limit) => ci.high < limit), items: goldList.length },
    };
  });
  annotators.sort((a, b) => a.annotatorId.localeCompare(b.annotatorId));
  return { annotators, peerBaseline, displayOrderChance };
}
