import { describe, expect, it } from "vitest";
import { attemptsNow, throttleDelayMs } from "./throttle-delay";

const rule = { free: 5, baseMs: 1_000, maxMs: 60_000, leakMs: 60_000 };

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

describe("attemptsNow", () => {
  it("forgets one counted attempt per leak interval, never below zero", () => {
    const t0 = new Date("2026-12-01T08:00:00Z");
    const later = (ms: number) => new Date(t0.getTime() + ms);
    expect(attemptsNow(rule, 7, t0, t0)).toBe(7);
    expect(attemptsNow(rule, 7, t0, later(59_999))).toBe(7);
    expect(attemptsNow(rule, 7, t0, later(60_000))).toBe(6);
    expect(attemptsNow(rule, 7, t0, later(10 * 60_000))).toBe(0);
  });
});
