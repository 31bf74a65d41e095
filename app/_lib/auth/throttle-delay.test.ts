import { describe, expect, it } from "vitest";
import { throttleDelayMs } from "./throttle-delay";

const rule = { free: 5, baseMs: 1_000, maxMs: 60_000 };

describe("throttleDelayMs", () => {
  it("lets the first attempts through without delay", () => {
    for (let n = 0; n < rule.free; n++) expect(throttleDelayMs(rule, n)).toBe(0);
  });

  it("doubles the delay with each further attempt, up to the cap, whatever the count", () => {
    expect([5, 6, 7, 8].map((n) => throttleDelayMs(rule, n))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(throttleDelayMs(rule, 11)).toBe(60_000);
    expect(throttleDelayMs(rule, 10_000)).toBe(60_000);
  });
});
