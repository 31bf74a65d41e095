// Reward-model settings scaled to the snapshot a run trains on, each with the reason the launch
// form shows. The trainer's own defaults (10 % validation, 1 epoch, evaluate every 50 steps) suit
// thousands of rankings; on the 65 of a first snapshot they leave 7 validation rankings and a run
// shorter than one evaluation interval.

export type RmSuggestion = { config: Record<string, number>; reasons: { key: string; vars: Record<string, string | number> }[] };

const MIN_VALIDATION = 20; // fewer held-out rankings and the accuracy moves by 5 points per ranking
const EVALUATIONS = 10; // evaluations over a run: enough to see the curve and pick a best checkpoint
const SMALL = 500; // fewer rankings than this: several epochs

export function suggestRmConfig(rankings: number, perDeviceBatch = 4): RmSuggestion | null {
  if (rankings <= 0) return null;
  const reasons: RmSuggestion["reasons"] = [];
  const valFraction = Math.round(Math.min(0.3, Math.max(0.1, MIN_VALIDATION / rankings)) * 100) / 100;
  const validation = Math.round(rankings * valFraction);
  reasons.push({ key: validation < MIN_VALIDATION ? "valFew" : "val", vars: { n: rankings, f: valFraction, v: validation, min: MIN_VALIDATION } });
  const train = rankings - validation;
  const batch = Math.max(1, Math.min(perDeviceBatch, Math.floor(train / 2) || 1));
  if (batch !== perDeviceBatch) reasons.push({ key: "batch", vars: { b: batch, train } });
  const epochs = rankings < SMALL ? 3 : 1;
  if (epochs > 1) reasons.push({ key: "epochs", vars: { e: epochs, small: SMALL } });
  const steps = Math.max(1, epochs * Math.floor(train / batch));
  const every = Math.max(1, Math.floor(steps / EVALUATIONS));
  reasons.push({ key: "every", vars: { steps, every, k: EVALUATIONS } });
  return {
    config: { val_fraction: valFraction, per_device_batch_size: batch, epochs, max_steps: 0, eval_every: every, save_every: every },
    reasons,
  };
}
