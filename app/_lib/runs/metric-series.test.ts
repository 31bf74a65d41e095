import { describe, expect, it } from "vitest";
import { parseMetricLine } from "./metric-line";
import { chartData } from "./chart-series";
import { metricKeys, splits, type MetricRow } from "./metric-series";

const row = (id: number, attempt: number, step: number, split: string, data: Record<string, number>): MetricRow => ({
  id, attempt, step, split, data,
});

describe("parseMetricLine", () => {
  it("keeps the numeric metric values and lifts step/total/split out", () => {
    const p = parseMetricLine({ step: 3, total_steps: 10, split: "val", time: 17.5, "loss/rm": 0.6, phase: "eval", bad: null }, "line 1");
    expect(p).toEqual({ step: 3, totalSteps: 10, split: "val", data: { time: 17.5, "loss/rm": 0.6 } });
  });

  it("names the line and field that is wrong", () => {
    expect(() => parseMetricLine({ "loss/rm": 1 }, "metrics[2]")).toThrow("metrics[2]: field 'step' must be a non-negative integer");
    expect(() => parseMetricLine({ step: 1, total_steps: "x" }, "metrics[0]")).toThrow("field 'total_steps'");
  });
});

describe("series", () => {
  const rows = [
    row(1, 1, 1, "train", { "loss/rm": 0.9, time: 1 }),
    row(2, 1, 2, "train", { "loss/rm": 0.8, time: 2 }),
    row(3, 1, 2, "val", { "reward/accuracy": 0.5, "loss/rm": 0.85 }),
    row(4, 1, 3, "train", { "loss/rm": 0.7 }), // lost with attempt 1 (after its last checkpoint)…
    row(5, 2, 3, "train", { "loss/rm": 0.65 }), // …and written again by the resumed attempt 2
  ];

  it("lists metric keys in reading order without the timestamp, and splits train first", () => {
    expect(metricKeys(rows)).toEqual(["loss/rm", "reward/accuracy"]);
    const mixed = [row(9, 1, 1, "train", { "perf/tokens_per_s": 1, lr: 1, "reward/margin": 1, "objective/kl": 1, "loss/value": 1, epoch: 1 })];
    expect(metricKeys(mixed)).toEqual(["loss/value", "reward/margin", "objective/kl", "epoch", "lr", "perf/tokens_per_s"]);
    expect(splits(rows)).toEqual(["train", "val"]);
  });

  it("charts one value per split and step, the resumed attempt winning", () => {
    const split = (name: string) => ({ key: name, rows: rows.filter((r) => r.split === name) });
    expect(chartData([split("train"), split("val")], "loss/rm", { x: "step", smoothing: 0 }).points).toEqual([
      { x: 1, train: 0.9 },
      { x: 2, train: 0.8, val: 0.85 },
      { x: 3, train: 0.65 },
    ]);
  });

  it("puts several runs side by side", () => {
    const other = [row(9, 1, 2, "train", { "loss/rm": 0.4 })];
    const train = rows.filter((r) => r.split === "train");
    expect(chartData([{ key: "a", rows: train }, { key: "b", rows: other }], "loss/rm", { x: "step", smoothing: 0 }).points).toEqual([
      { x: 1, a: 0.9 },
      { x: 2, a: 0.8, b: 0.4 },
      { x: 3, a: 0.65 },
    ]);
  });
});
