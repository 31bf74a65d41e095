import { describe, expect, it } from "vitest";
import { chartData, chartGroups, emaSmooth, tickFormatter } from "./chart-series";
import type { MetricRow } from "./metric-series";

let id = 0;
const row = (split: string, step: number, data: Record<string, number>): MetricRow => ({ id: ++id, attempt: 1, step, split, data });

describe("chartData", () => {
  const train = Array.from({ length: 14 }, (_, i) => row("train", i + 1, { "loss/rm": 1 / (i + 1), time: 100 + i * 2 }));
  const evals = [row("eval", 0, { "loss/rm": 1.2, time: 99 }), row("eval", 14, { "loss/rm": 0.3, time: 128 })];

  it("draws two eval points of a 14-step run as dots, not a joining line", () => {
    const data = chartData([{ key: "train", rows: train }, { key: "eval", rows: evals }], "loss/rm", { x: "step", smoothing: 0 });
    expect(data.series.map((s) => [s.key, s.sparse])).toEqual([["train", false], ["eval", true]]);
    expect(data.points[0]).toEqual({ x: 0, eval: 1.2 });
  });

  it("names only series that hold the metric", () => {
    const data = chartData([{ key: "train", rows: train }, { key: "eval", rows: evals }], "missing/key", { x: "step", smoothing: 0 });
    expect(data.series).toEqual([]);
    const trainOnly = chartData([{ key: "train", rows: [row("train", 1, { lr: 1 }), row("train", 2, { lr: 1 })] }, { key: "eval", rows: evals }], "lr", { x: "step", smoothing: 0 });
    expect(trainOnly.series.map((s) => s.key)).toEqual(["train"]);
  });

  it("puts wall time since the first point on x, and adds a smoothed copy of dense series", () => {
    const data = chartData([{ key: "train", rows: train }], "loss/rm", { x: "time", smoothing: 0.6 });
    expect(data.points.map((p) => p.x).slice(0, 3)).toEqual([0, 2, 4]);
    expect(data.series[0].smoothedKey).toBe("train~smooth");
    expect(data.points[0]["train~smooth"]).toBeCloseTo(1); // debiased: the first value is itself
    expect(data.points[5]["train~smooth"]).toBeGreaterThan(data.points[5].train);
  });
});

it("smooths like TensorBoard (debiased EMA)", () => {
  expect(emaSmooth([1, 1, 1], 0.9).map((v) => Number(v.toFixed(6)))).toEqual([1, 1, 1]);
  expect(emaSmooth([0, 10], 0.5)[1]).toBeCloseTo((0.5 * 0 * 0.5 + 0.5 * 10) / 0.75);
});

describe("tickFormatter", () => {
  it("shows enough digits to tell ticks of a narrow range apart", () => {
    const f = tickFormatter(9.9868, 9.9874);
    expect(new Set([9.9868, 9.987, 9.9872, 9.9874].map(f)).size).toBe(4);
  });
  it("stays short on wide ranges and uses exponents for learning rates", () => {
    expect(tickFormatter(0, 2)(1.5)).toBe("1.5");
    expect(tickFormatter(0, 100)(25)).toBe("25");
    expect(tickFormatter(0, 50_000)(25_000)).toBe("25k");
    expect(tickFormatter(1e-5, 1e-4)(5e-5)).toBe("5.0e-5");
  });
});

it("groups charts by prefix, the key metrics first", () => {
  const rows = [row("train", 1, { "perf/tokens_per_s": 1, "loss/rm": 1, "reward/accuracy": 0.5, "reward/margin": 0.1, lr: 1e-4 })];
  expect(chartGroups(rows)).toEqual([
    { name: "pinned", keys: ["reward/accuracy", "loss/rm"] },
    { name: "reward", keys: ["reward/margin"] },
    { name: "other", keys: ["lr"] },
    { name: "perf", keys: ["perf/tokens_per_s"] },
  ]);
});
