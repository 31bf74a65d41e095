import { describe, expect, it } from "vitest";
import { formatDuration, runProgress } from "./progress";

describe("runProgress", () => {
  it("estimates the remaining time from the rate of the current attempt", () => {
    const p = runProgress({ step: 40, totalSteps: 100, first: { step: 20, time: 1000 }, last: { step: 40, time: 1010 }, finished: false });
    expect(p.fraction).toBeCloseTo(0.4);
    expect(p.stepsPerSecond).toBeCloseTo(2);
    expect(p.etaSeconds).toBeCloseTo(30);
  });

  it("has no ETA before two timed steps or without a total", () => {
    expect(runProgress({ step: 1, totalSteps: 10, first: { step: 1, time: 5 }, last: { step: 1, time: 5 }, finished: false }).etaSeconds).toBeNull();
    const p = runProgress({ step: 5, totalSteps: null, first: { step: 1, time: 1 }, last: { step: 5, time: 3 }, finished: false });
    expect(p.fraction).toBeNull();
    expect(p.etaSeconds).toBeNull();
  });

  it("reports zero left once finished", () => {
    expect(runProgress({ step: 10, totalSteps: 10, first: null, last: null, finished: true }).etaSeconds).toBe(0);
  });
});

it("formats durations compactly", () => {
  expect(formatDuration(12)).toBe("12 s");
  expect(formatDuration(200)).toBe("3 min 20 s");
  expect(formatDuration(3900)).toBe("1 h 05 min");
});
