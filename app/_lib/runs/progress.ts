// Progress and ETA of a run, from its step counter and the trainer's metric timestamps.
// The rate is measured over the current attempt only: a resumed run restarts its clock.

export type TimedStep = { step: number; time: number }; // time in seconds since the epoch (trainer's "time")

export type Progress = {
  step: number;
  totalSteps: number | null;
  fraction: number | null; // 0..1
  stepsPerSecond: number | null;
  etaSeconds: number | null;
};

export function runProgress(opts: {
  step: number;
  totalSteps: number | null;
  first: TimedStep | null; // earliest metric line of the current attempt
  last: TimedStep | null; // latest metric line of the current attempt
  finished: boolean;
}): Progress {
  const { step, totalSteps, first, last, finished } = opts;
  const fraction = totalSteps && totalSteps > 0 ? Math.min(1, Math.max(0, step / totalSteps)) : null;
  let stepsPerSecond: number | null = null;
  if (first && last && last.step > first.step && last.time > first.time) {
    stepsPerSecond = (last.step - first.step) / (last.time - first.time);
  }
  let etaSeconds: number | null = null;
  if (finished) etaSeconds = 0;
  else if (stepsPerSecond && totalSteps) etaSeconds = Math.max(0, (totalSteps - step) / stepsPerSecond);
  return { step, totalSteps, fraction, stepsPerSecond, etaSeconds };
}

/** "1 h 05 min", "3 min 20 s", "12 s" — compact, for the progress line. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, "0")} min`;
  if (m > 0) return `${m} min ${String(rest).padStart(2, "0")} s`;
  return `${rest} s`;
}
