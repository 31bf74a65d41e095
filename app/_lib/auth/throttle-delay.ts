// The arithmetic of the sign-in throttle (login-throttle.ts), as pure functions for the unit
// tests and the "try again in" message. The SQL there computes the same.
export type DelayRule = {
  /** attempts allowed without any wait */
  free: number;
  /** the first wait; it doubles with each further attempt */
  baseMs: number;
  /** the longest wait */
  maxMs: number;
  /** one counted attempt is forgotten per this many ms (a leaky bucket), so a busy shared address never fills up for good */
  leakMs: number;
};

/** The attempts still counted at `now`, `attempts` having been counted by `lastAt`. */
export function attemptsNow(rule: DelayRule, attempts: number, lastAt: Date, now: Date): number {
  return Math.max(0, attempts - Math.floor(Math.max(0, now.getTime() - lastAt.getTime()) / rule.leakMs));
}

/** Milliseconds to wait after the last counted attempt, given `attempts` still counted. */
export function throttleDelayMs(rule: DelayRule, attempts: number): number {
  if (attempts < rule.free) return 0;
  return Math.min(rule.maxMs, rule.baseMs * 2 ** Math.min(attempts - rule.free, 40));
}
