// Percentile bootstrap over units (here: prompts): draw `resamples` samples of the same size
// with replacement, compute the statistic on each, report the 2.5th and 97.5th percentiles.
import { mulberry32 } from "@/app/_lib/random/mulberry32";

export const BOOTSTRAP_RESAMPLES = 2000;
export const BOOTSTRAP_SEED = 20231204;

export type Interval = { low: number; high: number };

export function bootstrapInterval<T>(
  units: readonly T[],
  statistic: (sample: readonly T[]) => number,
  opts: { resamples?: number; seed?: number; level?: number } = {},
): Interval | null {
  if (units.length === 0) return null;
  const resamples = opts.resamples ?? BOOTSTRAP_RESAMPLES;
  const random = mulberry32(opts.seed ?? BOOTSTRAP_SEED);
  const level = opts.level ?? 0.95;
  const values: number[] = [];
  const sample: T[] = new Array(units.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < units.length; i++) sample[i] = units[Math.floor(random() * units.length)];
    values.push(statistic(sample));
  }
  values.sort((a, b) => a - b);
  return { low: quantile(values, (1 - level) / 2), high: quantile(values, 1 - (1 - level) / 2) };
}

/** Linear interpolation between order statistics (type 7, the default of R and NumPy). */
export function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
