// Repeated failed logins are slowed down: after FREE_ATTEMPTS failures in a row, each
// further attempt must wait an exponentially growing delay (capped), counted from the last failure.
export const FREE_ATTEMPTS = 5;
const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 15 * 60_000;

export function loginDelayMs(failedLogins: number): number {
  if (failedLogins < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failedLogins - FREE_ATTEMPTS));
}

/** Milliseconds the user must still wait before the next attempt is even checked (0 = go). */
export function loginWaitMs(failedLogins: number, lastFailedAt: Date | null, now: Date): number {
  if (!lastFailedAt) return 0;
  return Math.max(0, lastFailedAt.getTime() + loginDelayMs(failedLogins) - now.getTime());
}
