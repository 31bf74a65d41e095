// What a run page and the runs list lead with — the few numbers an ML engineer looks for first:
//   RM   held-out pairwise accuracy and Kendall τ at the best checkpoint and at the end, the best
//        step, the validation size;
//   PPO  reward, KL, β (the KL coefficient) and answer length at the first and the last step;
//   all  how long the run waited in the queue and how long it ran.
// Read from the trainer's summary.json once the run is done, or from its metric rows while it
// runs (the best checkpoint is picked as the trainer picks it: `best_metric`, steps after 0).
import type { MetricRow } from "./metric-series";
import { latestPerStep } from "./metric-series";

export type RmPoint = { step: number | null; accuracy: number | null; tau: number | null };
export type PpoPoint = { step: number | null; reward: number | null; kl: number | null; beta: number | null; length: number | null };

export type RunHeadline = {
  rm: { best: RmPoint | null; final: RmPoint | null; bestMetric: string; validation: number | null; heldOut: boolean } | null;
  ppo: { start: PpoPoint | null; end: PpoPoint | null } | null;
  waitSeconds: number | null;
  runSeconds: number | null;
};

type Timing = { queuedAt: string; startedAt: string | null; finishedAt: string | null };

export const ACCURACY = "reward/accuracy";
export const TAU = "reward/kendall_tau";
const PPO_KEYS = { reward: "objective/reward", kl: "objective/kl", beta: "objective/kl_coef", length: "rollout/answer_tokens" } as const;

const rec = (v: unknown): Record<string, unknown> | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function rmPoint(values: Record<string, unknown> | null, step: number | null): RmPoint | null {
  if (!values) return null;
  return { step, accuracy: num(values[ACCURACY]), tau: num(values[TAU]) };
}

function ppoPoint(values: Record<string, unknown> | null, step: number | null): PpoPoint | null {
  if (!values) return null;
  return { step, reward: num(values[PPO_KEYS.reward]), kl: num(values[PPO_KEYS.kl]), beta: num(values[PPO_KEYS.beta]), length: num(values[PPO_KEYS.length]) };
}

/** The eval row the trainer would keep as best/: lowest held-out loss, or highest accuracy. */
export function bestEvalRow(rows: MetricRow[], bestMetric: string): MetricRow | null {
  let best: MetricRow | null = null;
  for (const r of rows) {
    if (r.split !== "eval" || r.step === 0) continue;
    const value = bestMetric === "accuracy" ? r.data[ACCURACY] : r.data["loss/rm"];
    if (value === undefined) continue;
    const held = best ? (bestMetric === "accuracy" ? best.data[ACCURACY] : best.data["loss/rm"]) : undefined;
    if (held === undefined || (bestMetric === "accuracy" ? value > held : value < held)) best = r;
  }
  return best;
}

function rmHeadline(summary: Record<string, unknown> | null, rows: MetricRow[], config: Record<string, unknown>): RunHeadline["rm"] {
  const bestMetric = typeof summary?.best_metric === "string" ? summary.best_metric : typeof config.best_metric === "string" ? config.best_metric : "eval_loss";
  const counts = rec(summary?.counts);
  const validation = num(counts?.validation);
  if (summary && (summary.best_eval || summary.final_eval)) {
    const total = num(summary.total_steps);
    return {
      best: rmPoint(rec(summary.best_eval), num(summary.best_step)),
      final: rmPoint(rec(summary.final_eval), total),
      bestMetric,
      validation,
      heldOut: validation === null || validation > 0,
    };
  }
  const evals = latestPerStep(rows).filter((r) => r.split === "eval").sort((a, b) => a.step - b.step);
  if (evals.length === 0) return { best: null, final: null, bestMetric, validation, heldOut: true };
  const best = bestEvalRow(evals, bestMetric);
  const last = evals[evals.length - 1];
  return { best: best ? rmPoint(best.data, best.step) : null, final: rmPoint(last.data, last.step), bestMetric, validation, heldOut: true };
}

function ppoHeadline(summary: Record<string, unknown> | null, rows: MetricRow[]): RunHeadline["ppo"] {
  const train = latestPerStep(rows).filter((r) => r.split === "train").sort((a, b) => a.step - b.step);
  if (train.length) return { start: ppoPoint(train[0].data, train[0].step), end: ppoPoint(train[train.length - 1].data, train[train.length - 1].step) };
  if (summary && rec(summary.final_metrics)) {
    return { start: ppoPoint(rec(summary.first_step_metrics), 1), end: ppoPoint(rec(summary.final_metrics), num(summary.steps)) };
  }
  return { start: null, end: null };
}

const seconds = (from: string | null, to: string | null | undefined) => (from && to ? Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000) : null);

export function runHeadline(opts: {
  kind: string;
  summary: Record<string, unknown> | null;
  config?: Record<string, unknown>;
  rows?: MetricRow[];
  timing: Timing;
  /** The run has ended: its times stop at finishedAt, never at "now" (a row ended without one). */
  ended?: boolean;
  now?: Date;
}): RunHeadline {
  const rows = opts.rows ?? [];
  const now = opts.ended ? null : (opts.now ?? new Date()).toISOString();
  const { queuedAt, startedAt, finishedAt } = opts.timing;
  return {
    rm: opts.kind === "RM" ? rmHeadline(opts.summary, rows, opts.config ?? {}) : null,
    ppo: opts.kind === "PPO" ? ppoHeadline(opts.summary, rows) : null,
    waitSeconds: seconds(queuedAt, startedAt ?? (finishedAt ? null : now)),
    runSeconds: seconds(startedAt, finishedAt ?? now),
  };
}
