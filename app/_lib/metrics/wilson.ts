// Wilson score interval for a binomial proportion (Wilson 1927): unlike the normal
// approximation it stays inside [0, 1] and behaves at small n and at 0 or n successes,
// which is where quality alerts start.

export type Interval = { low: number; high: number };

/** 95% by default (z = 1.959964). Null when n = 0: no data, no interval. */
export function wilsonInterval(successes: number, n: number, z = 1.959964): Interval | null {
  if (n <= 0) return null;
  if (successes < 0 || successes > n) throw new RangeError(`wilsonInterval: ${successes} successes out of ${n}`);
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
