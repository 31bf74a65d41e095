// Lease rules for training runs: an agent holds a RUNNING run only while it keeps
// heartbeating. Pure functions (no database), so the rules are unit-tested alone.

/** Bounds for the lease an agent may ask for: long enough to survive a slow step, short enough to notice a dead host. */
export const MIN_LEASE_SECONDS = 5;
export const MAX_LEASE_SECONDS = 600;
export const DEFAULT_LEASE_SECONDS = 60;

export function clampLeaseSeconds(requested: number | undefined): number {
  if (requested === undefined || !Number.isFinite(requested)) return DEFAULT_LEASE_SECONDS;
  return Math.min(MAX_LEASE_SECONDS, Math.max(MIN_LEASE_SECONDS, Math.round(requested)));
}

export function leaseExpiry(now: Date, leaseSeconds: number): Date {
  return new Date(now.getTime() + leaseSeconds * 1000);
}

export type LeaseView = {
  status: string;
  leaseExpiresAt: Date | null;
};

/** A RUNNING run whose lease ended is lapsed: its agent is presumed dead. */
export function isLeaseLapsed(run: LeaseView, now: Date): boolean {
  return run.status === "RUNNING" && run.leaseExpiresAt !== null && run.leaseExpiresAt.getTime() <= now.getTime();
}
