// The wait before the next sign-in attempt on a throttle key (login-throttle.ts), as a pure
// function for the unit tests and the "try again in" message. The SQL there computes the same.
export type DelayRule = { free: number; baseMs: number; maxMs: number };

/** Milliseconds to wait after the last counted attempt, given `attempts` counted so far. */
export function throttleDelayMs(rule: DelayRule, attempts: number): number {
  if (attempts < rule.free) return 0;
  return Math.min(rule.maxMs, rule.baseMs * 2 ** Math.min(attempts - rule.free, 40));
}
