// Per-annotator throughput: how much each annotator ranks, how fast, how often they skip.
import { median } from "./median";

export type TimedRanking = { annotatorId: string; createdAt: Date; durationMs: number };

export type AnnotatorThroughput = {
  annotatorId: string;
  rankings: number;
  /** calendar days (in the report's time zone) with at least one submitted ranking */
  activeDays: number;
  /** rankings per active day — a part-time expert is not penalised for days off */
  rankingsPerDay: number | null;
  medianDurationMs: number | null;
  skips: number;
  lastRankingAt: Date | null;
};

export type DailyCount = { day: string; rankings: number };

/** "YYYY-MM-DD" of `date` in `timeZone` (en-CA formats dates that way). */
export function dayKey(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}

export function annotatorThroughput(opts: {
  rankings: readonly TimedRanking[];
  skips: ReadonlyMap<string, number>;
  timeZone: string;
}): AnnotatorThroughput[] {
  const byAnnotator = new Map<string, TimedRanking[]>();
  for (const r of opts.rankings) {
    const list = byAnnotator.get(r.annotatorId) ?? [];
    list.push(r);
    byAnnotator.set(r.annotatorId, list);
  }
  const ids = new Set([...byAnnotator.keys(), ...opts.skips.keys()]);
  return [...ids]
    .map((annotatorId) => {
      const list = byAnnotator.get(annotatorId) ?? [];
      const activeDays = new Set(list.map((r) => dayKey(r.createdAt, opts.timeZone))).size;
      const last = list.reduce<Date | null>((m, r) => (m && m > r.createdAt ? m : r.createdAt), null);
      return {
        annotatorId,
        rankings: list.length,
        activeDays,
        rankingsPerDay: activeDays ? list.length / activeDays : null,
        medianDurationMs: median(list.map((r) => r.durationMs)),
        skips: opts.skips.get(annotatorId) ?? 0,
        lastRankingAt: last,
      };
    })
    .sort((a, b) => b.rankings - a.rankings || a.annotatorId.localeCompare(b.annotatorId));
}

/** Rankings per day for the `days` days ending with `now`'s day, zero-filled. */
export function dailyCounts(opts: {
  rankings: readonly { createdAt: Date }[];
  days: number;
  now: Date;
  timeZone: string;
}): DailyCount[] {
  const counts = new Map<string, number>();
  for (const r of opts.rankings) {
    const key = dayKey(r.createdAt, opts.timeZone);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const out: DailyCount[] = [];
  const seen = new Set<string>();
  // step back in 24 h strides from now; a DST shift can never skip a whole calendar day this way
  for (let i = 0; out.length < opts.days && i < opts.days + 2; i++) {
    const key = dayKey(new Date(opts.now.getTime() - i * 86_400_000), opts.timeZone);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ day: key, rankings: counts.get(key) ?? 0 });
  }
  return out.reverse();
}
