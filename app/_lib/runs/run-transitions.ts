// The run state machine: every change of a run's status goes through applyRunEvent,
// which returns the fields to write or throws a CONFLICT naming why the event does not apply.
// Pure (no database): the Prisma functions in this folder load the run, call it, and write the patch.
import type { RunStatus } from "@/app/_generated/prisma/enums";
import { AppError } from "@/app/_lib/errors";
import { clampLeaseSeconds, isLeaseLapsed, leaseExpiry } from "./lease";

export const TERMINAL_STATUSES: readonly RunStatus[] = ["SUCCEEDED", "FAILED", "CANCELLED"];

export function isTerminal(status: RunStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** The fields of a run the rules read. */
export type RunState = {
  id: string;
  status: RunStatus;
  attempts: number;
  maxAttempts: number;
  cancelRequested: boolean;
  leaseSeconds: number;
  leaseExpiresAt: Date | null;
  agentId: string | null;
  startedAt: Date | null;
};

/** The fields a transition may write. */
export type RunPatch = Partial<{
  status: RunStatus;
  attempts: number;
  agentId: string | null;
  leaseSeconds: number;
  leaseExpiresAt: Date | null;
  heartbeatAt: Date;
  cancelRequested: boolean;
  startedAt: Date;
  attemptStartedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
}>;

/** What an agent names in every call about a run it holds: itself and the attempt it was given. */
export type LeaseHolder = { agentId: string; attempt: number };

export type RunEvent =
  | { type: "claim"; now: Date; agentId: string; leaseSeconds?: number }
  | ({ type: "heartbeat"; now: Date } & LeaseHolder)
  | ({ type: "complete"; now: Date } & LeaseHolder)
  | ({ type: "fail"; now: Date; reason: string } & LeaseHolder)
  /** The agent gives the run back unfinished (it is shutting down): requeued like a lapse. */
  | ({ type: "release"; now: Date; reason: string } & LeaseHolder)
  | { type: "cancel"; now: Date }
  | { type: "lapse"; now: Date };

/**
 * Throws unless the caller still holds the run's current lease. An agent that lost its lease
 * (lapsed and requeued, cancelled, claimed again elsewhere) must stop its trainer: the 409 tells it so.
 */
export function assertLeaseHolder(run: RunState, holder: LeaseHolder): void {
  if (run.status !== "RUNNING" || run.agentId !== holder.agentId || run.attempts !== holder.attempt) {
    throw new AppError(
      "CONFLICT",
      `run ${run.id}: attempt ${holder.attempt} is not held by this agent (run is ${run.status}, attempt ${run.attempts})`,
      { status: run.status, attempt: run.attempts, cancelRequested: run.cancelRequested },
    );
  }
}

function lapseReason(run: RunState, now: Date): string {
  const at = (run.leaseExpiresAt ?? now).toISOString();
  return `lease lapsed at ${at} (no heartbeat from the agent) after ${run.attempts} attempt${run.attempts === 1 ? "" : "s"}`;
}

const finished = (now: Date) => ({ finishedAt: now, leaseExpiresAt: null });

export function applyRunEvent(run: RunState, event: RunEvent): RunPatch {
  switch (event.type) {
    case "claim": {
      if (run.status !== "QUEUED" || run.cancelRequested) {
        throw new AppError("CONFLICT", `run ${run.id} is ${run.status}, not queued: it cannot be claimed`);
      }
      const leaseSeconds = clampLeaseSeconds(event.leaseSeconds);
      return {
        status: "RUNNING",
        attempts: run.attempts + 1,
        agentId: event.agentId,
        leaseSeconds,
        leaseExpiresAt: leaseExpiry(event.now, leaseSeconds),
        heartbeatAt: event.now,
        startedAt: run.startedAt ?? event.now,
        attemptStartedAt: event.now,
      };
    }
    case "heartbeat": {
      assertLeaseHolder(run, event);
      // A late heartbeat still extends the lease as long as nobody has requeued the run (lapse is lazy).
      return { heartbeatAt: event.now, leaseExpiresAt: leaseExpiry(event.now, run.leaseSeconds) };
    }
    case "complete": {
      assertLeaseHolder(run, event);
      return { status: "SUCCEEDED", ...finished(event.now), error: null };
    }
    case "fail": {
      assertLeaseHolder(run, event);
      // A trainer stopped because the admin asked is a cancellation, not a failure.
      if (run.cancelRequested) return { status: "CANCELLED", ...finished(event.now), error: "cancelled by an admin" };
      return { status: "FAILED", ...finished(event.now), error: event.reason };
    }
    case "release": {
      assertLeaseHolder(run, event);
      return requeueOrFail(run, event.now, `attempt ${run.attempts} released by its agent: ${event.reason}`);
    }
    case "cancel": {
      if (isTerminal(run.status)) {
        throw new AppError("CONFLICT", `run ${run.id} already ended (${run.status}): nothing to cancel`);
      }
      if (run.status === "QUEUED") {
        return { status: "CANCELLED", cancelRequested: true, ...finished(event.now), error: "cancelled by an admin" };
      }
      // RUNNING: the agent learns it from its next heartbeat, stops the trainer and reports.
      return { cancelRequested: true };
    }
    case "lapse": {
      if (!isLeaseLapsed(run, event.now)) {
        throw new AppError("CONFLICT", `run ${run.id}: lease has not lapsed`);
      }
      if (run.cancelRequested) {
        return { status: "CANCELLED", ...finished(event.now), error: "cancelled by an admin (the agent stopped answering)" };
      }
      return requeueOrFail(run, event.now, lapseReason(run, event.now));
    }
  }
}

/** Attempts are bounded: a run that keeps losing its agent ends FAILED with the reason, never loops forever. */
function requeueOrFail(run: RunState, now: Date, reason: string): RunPatch {
  if (run.attempts >= run.maxAttempts) {
    return { status: "FAILED", ...finished(now), error: `${reason}; no attempts left (max ${run.maxAttempts})` };
  }
  return {
    status: "QUEUED",
    agentId: null,
    leaseExpiresAt: null,
    attemptStartedAt: null,
    error: `${reason}; requeued (attempt ${run.attempts + 1} of ${run.maxAttempts} next)`,
  };
}
