import { describe, expect, it } from "vitest";
import type { MetricRow } from "./metric-series";
import { runHeadline } from "./run-headline";

const timing = { queuedAt: "2026-12-03T10:00:00Z", startedAt: "2026-12-03T10:00:30Z", finishedAt: "2026-12-03T10:05:30Z" };
let id = 0;
const row = (split: string, step: number, data: Record<string, number>): MetricRow => ({ id: ++id, attempt: 1, step, split, data });

describe("RM runs", () => {
  it("leads with the best checkpoint's held-out accuracy, not the last value", () => {
    const summary = {
      best_step: 20, best_metric: "eval_loss", total_steps: 40,
      best_eval: { "reward/accuracy": 0.595, "reward/kendall_tau": 0.31, "loss/rm": 0.61 },
      final_eval: { "reward/accuracy": 0.5, "reward/kendall_tau": 0.12, "loss/rm": 0.7 },
      counts: { validation: 7 },
    };
    const h = runHeadline({ kind: "RM", summary, timing });
    expect(h.rm).toEqual({
      best: { step: 20, accuracy: 0.595, tau: 0.31 },
      final: { step: 40, accuracy: 0.5, tau: 0.12 },
      bestMetric: "eval_loss", validation: 7, heldOut: true,
    });
    expect(h.waitSeconds).toBe(30);
    expect(h.runSeconds).toBe(300);
  });

  it("while running, picks the best eval row as the trainer does (lowest loss, step 0 excluded)", () => {
    const rows = [
      row("eval", 0, { "loss/rm": 0.1, "reward/accuracy": 0.9 }),
      row("eval", 10, { "loss/rm": 0.5, "reward/accuracy": 0.6, "reward/kendall_tau": 0.2 }),
      row("train", 15, { "loss/rm": 0.4 }),
      row("eval", 20, { "loss/rm": 0.7, "reward/accuracy": 0.55, "reward/kendall_tau": 0.1 }),
    ];
    const h = runHeadline({ kind: "RM", summary: null, rows, timing: { ...timing, finishedAt: null }, now: new Date("2026-12-03T10:01:30Z") });
    expect(h.rm?.best).toEqual({ step: 10, accuracy: 0.6, tau: 0.2 });
    expect(h.rm?.final).toEqual({ step: 20, accuracy: 0.55, tau: 0.1 });
    expect(h.runSeconds).toBe(60);
    const byAccuracy = runHeadline({ kind: "RM", summary: null, rows, config: { best_metric: "accuracy" }, timing });
    expect(byAccuracy.rm?.best?.step).toBe(10);
  });

  it("says when there was no held-out data", () => {
    const h = runHeadline({ kind: "RM", summary: { best_eval: { "reward/accuracy": 1 }, counts: { validation: 0 } }, timing });
    expect(h.rm?.heldOut).toBe(false);
  });
});

it("PPO runs: reward, KL, β and answer length at the first and the last step", () => {
  const rows = [
    row("train", 1, { "objective/reward": -0.2, "objective/kl": 0, "objective/kl_coef": 0.05, "rollout/answer_tokens": 60 }),
    row("train", 2, { "objective/reward": 0.1, "objective/kl": 0.8, "objective/kl_coef": 0.06, "rollout/answer_tokens": 48 }),
  ];
  const h = runHeadline({ kind: "PPO", summary: null, rows, timing });
  expect(h.ppo).toEqual({
    start: { step: 1, reward: -0.2, kl: 0, beta: 0.05, length: 60 },
    end: { step: 2, reward: 0.1, kl: 0.8, beta: 0.06, length: 48 },
  });
  const fromSummary = runHeadline({ kind: "PPO", summary: { steps: 40, final_metrics: { "objective/reward": 0.3 }, first_step_metrics: { "objective/reward": -0.1 } }, timing });
  expect(fromSummary.ppo?.end?.reward).toBe(0.3);
  expect(fromSummary.ppo?.start?.reward).toBe(-0.1);
});

it("a queued run has waited until now and has not run", () => {
  const h = runHeadline({ kind: "SAMPLE", summary: null, timing: { queuedAt: timing.queuedAt, startedAt: null, finishedAt: null }, now: new Date("2026-12-03T10:02:00Z") });
  expect(h.waitSeconds).toBe(120);
  expect(h.runSeconds).toBeNull();
  // cancelled while queued: it waited, it never ran, and the clock has stopped
  const ended = runHeadline({ kind: "RM", summary: null, timing: { queuedAt: timing.queuedAt, startedAt: null, finishedAt: null }, ended: true });
  expect([ended.waitSeconds, ended.runSeconds]).toEqual([null, null]);
});
