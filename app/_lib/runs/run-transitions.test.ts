import { describe, expect, it } from "vitest";
import { AppError } from "@/app/_lib/errors";
import { applyRunEvent, isTerminal, type RunState } from "./run-transitions";

const t0 = new Date("2026-01-01T00:00:00Z");
const later = (s: number) => new Date(t0.getTime() + s * 1000);

function run(over: Partial<RunState> = {}): RunState {
  return {
    id: "run1",
    status: "QUEUED",
    attempts: 0,
    maxAttempts: 3,
    cancelRequested: false,
    leaseSeconds: 60,
    leaseExpiresAt: null,
    agentId: null,
    startedAt: null,
    ...over,
  };
}

const running = (over: Partial<RunState> = {}) =>
  run({ status: "RUNNING", attempts: 1, agentId: "a1", leaseExpiresAt: later(60), startedAt: t0, ...over });

function conflict(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("CONFLICT");
    return err as AppError;
  }
  throw new Error("expected a CONFLICT");
}

describe("claim", () => {
  it("starts an attempt with a lease for the claiming agent", () => {
    const patch = applyRunEvent(run(), { type: "claim", now: t0, agentId: "a1", leaseSeconds: 30 });
    expect(patch).toMatchObject({ status: "RUNNING", attempts: 1, agentId: "a1", leaseSeconds: 30, startedAt: t0 });
    expect(patch.leaseExpiresAt).toEqual(later(30));
  });

  it("keeps the first start time when a requeued run is claimed again", () => {
    const patch = applyRunEvent(run({ attempts: 1, startedAt: t0 }), { type: "claim", now: later(100), agentId: "a2" });
    expect(patch.startedAt).toEqual(t0);
    expect(patch.attemptStartedAt).toEqual(later(100));
    expect(patch.attempts).toBe(2);
  });

  it("clamps an absurd lease to the allowed bounds", () => {
    expect(applyRunEvent(run(), { type: "claim", now: t0, agentId: "a1", leaseSeconds: 1 }).leaseSeconds).toBe(5);
    expect(applyRunEvent(run(), { type: "claim", now: t0, agentId: "a1", leaseSeconds: 1e6 }).leaseSeconds).toBe(600);
    expect(applyRunEvent(run(), { type: "claim", now: t0, agentId: "a1" }).leaseSeconds).toBe(60);
  });

  it("refuses a run that is not queued", () => {
    conflict(() => applyRunEvent(running(), { type: "claim", now: t0, agentId: "a2" }));
    conflict(() => applyRunEvent(run({ status: "CANCELLED" }), { type: "claim", now: t0, agentId: "a2" }));
  });
});

describe("agent events need the current lease", () => {
  it("extends the lease on a heartbeat from the holder", () => {
    expect(applyRunEvent(running(), { type: "heartbeat", now: later(10), agentId: "a1", attempt: 1 })).toEqual({
      heartbeatAt: later(10),
      leaseExpiresAt: later(70),
    });
  });

  it("rejects another agent, an old attempt, or a run no longer running", () => {
    conflict(() => applyRunEvent(running(), { type: "heartbeat", now: t0, agentId: "a2", attempt: 1 }));
    conflict(() => applyRunEvent(running({ attempts: 2 }), { type: "complete", now: t0, agentId: "a1", attempt: 1 }));
    const err = conflict(() =>
      applyRunEvent(run({ status: "QUEUED", attempts: 1 }), { type: "fail", now: t0, agentId: "a1", attempt: 1, reason: "x" }),
    );
    expect(err.message).toContain("not held by this agent");
  });
});

describe("ending a run", () => {
  it("completes as SUCCEEDED and drops the lease", () => {
    const patch = applyRunEvent(running(), { type: "complete", now: later(5), agentId: "a1", attempt: 1 });
    expect(patch).toMatchObject({ status: "SUCCEEDED", finishedAt: later(5), leaseExpiresAt: null, error: null });
  });

  it("fails with the agent's reason", () => {
    const patch = applyRunEvent(running(), { type: "fail", now: later(5), agentId: "a1", attempt: 1, reason: "exit code 2: bad data" });
    expect(patch).toMatchObject({ status: "FAILED", error: "exit code 2: bad data" });
  });

  it("reports a trainer stopped after a cancel request as CANCELLED", () => {
    const patch = applyRunEvent(running({ cancelRequested: true }), {
      type: "fail", now: later(5), agentId: "a1", attempt: 1, reason: "terminated",
    });
    expect(patch.status).toBe("CANCELLED");
  });
});

describe("cancel", () => {
  it("cancels a queued run at once", () => {
    expect(applyRunEvent(run(), { type: "cancel", now: t0 })).toMatchObject({ status: "CANCELLED", cancelRequested: true });
  });

  it("only flags a running run (the agent stops it on its next heartbeat)", () => {
    expect(applyRunEvent(running(), { type: "cancel", now: t0 })).toEqual({ cancelRequested: true });
  });

  it("refuses a finished run", () => {
    for (const status of ["SUCCEEDED", "FAILED", "CANCELLED"] as const) {
      conflict(() => applyRunEvent(run({ status }), { type: "cancel", now: t0 }));
    }
  });
});

describe("lease lapse", () => {
  it("does not apply while the lease is valid", () => {
    conflict(() => applyRunEvent(running(), { type: "lapse", now: later(59) }));
  });

  it("requeues the run while attempts remain, and says why", () => {
    const patch = applyRunEvent(running(), { type: "lapse", now: later(61) });
    expect(patch).toMatchObject({ status: "QUEUED", agentId: null, leaseExpiresAt: null });
    expect(patch.error).toContain("lease lapsed at 2026-01-01T00:01:00.000Z");
    expect(patch.error).toContain("requeued (attempt 2 of 3 next)");
  });

  it("fails the run with a visible reason after the last attempt", () => {
    const patch = applyRunEvent(running({ attempts: 3 }), { type: "lapse", now: later(61) });
    expect(patch.status).toBe("FAILED");
    expect(patch.error).toMatch(/lease lapsed at .* after 3 attempts; no attempts left \(max 3\)/);
    expect(patch.finishedAt).toEqual(later(61));
  });

  it("ends a run whose cancel was pending as CANCELLED rather than requeueing it", () => {
    expect(applyRunEvent(running({ cancelRequested: true }), { type: "lapse", now: later(61) }).status).toBe("CANCELLED");
  });

  it("treats an agent's release like a lapse (bounded attempts)", () => {
    const ev = { type: "release", now: later(3), agentId: "a1", attempt: 1, reason: "agent stopping" } as const;
    expect(applyRunEvent(running(), ev).status).toBe("QUEUED");
    expect(applyRunEvent(running({ attempts: 3 }), { ...ev, attempt: 3 }).status).toBe("FAILED");
  });
});

it("knows the terminal states", () => {
  expect(["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"].filter((s) => isTerminal(s as never))).toEqual([
    "SUCCEEDED", "FAILED", "CANCELLED",
  ]);
});
