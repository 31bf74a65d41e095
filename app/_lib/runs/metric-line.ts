// One metrics.jsonl line as the trainer wrote it → the row the app stores.
// The trainer's structural keys (step, total_steps, split) become columns; the
// namespaced metric values ("loss/rm", "reward/accuracy", …) and "time" stay in `data`.
import { AppError } from "@/app/_lib/errors";

export type MetricValues = Record<string, number>;
export type ParsedMetricLine = { step: number; totalSteps: number | null; split: string; data: MetricValues };

const STRUCTURAL = new Set(["step", "total_steps", "split"]);

export function parseMetricLine(line: Record<string, unknown>, where: string): ParsedMetricLine {
  const step = line.step;
  if (typeof step !== "number" || !Number.isInteger(step) || step < 0) {
    throw new AppError("VALIDATION", `${where}: field 'step' must be a non-negative integer`);
  }
  const total = line.total_steps;
  if (total !== undefined && total !== null && (typeof total !== "number" || !Number.isInteger(total) || total < 0)) {
    throw new AppError("VALIDATION", `${where}: field 'total_steps' must be a non-negative integer`);
  }
  const split = line.split ?? "train";
  if (typeof split !== "string" || split.length === 0 || split.length > 40) {
    throw new AppError("VALIDATION", `${where}: field 'split' must be a short string such as "train" or "val"`);
  }
  const data: MetricValues = {};
  for (const [key, value] of Object.entries(line)) {
    if (STRUCTURAL.has(key)) continue;
    // Non-numeric extras (a phase name, a NaN the JSON writer turned into null) are not chartable: dropped.
    if (typeof value === "number" && Number.isFinite(value)) data[key] = value;
  }
  return { step, totalSteps: typeof total === "number" ? total : null, split, data };
}
