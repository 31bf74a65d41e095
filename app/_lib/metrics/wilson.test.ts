import { describe, expect, it } from "vitest";
import { wilsonInterval } from "./wilson";

describe("wilsonInterval", () => {
  it("matches published values", () => {
    // 8 of 10 → (0.4902, 0.9433); 0 of 10 → (0, 0.2775); 50 of 100 → (0.4038, 0.5962)
    const a = wilsonInterval(8, 10)!;
    expect(a.low).toBeCloseTo(0.4902, 3);
    expect(a.high).toBeCloseTo(0.9433, 3);
    const b = wilsonInterval(0, 10)!;
    expect(b.low).toBe(0);
    expect(b.high).toBeCloseTo(0.2775, 3);
    const c = wilsonInterval(50, 100)!;
    expect(c.low).toBeCloseTo(0.4038, 3);
    expect(c.high).toBeCloseTo(0.5962, 3);
  });

  it("narrows as n grows, stays within [0, 1], and has no interval without data", () => {
    const small = wilsonInterval(3, 10)!;
    const large = wilsonInterval(300, 1000)!;
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
    expect(wilsonInterval(10, 10)!.high).toBeCloseTo(1, 12);
    expect(wilsonInterval(10, 10)!.high).toBeLessThanOrEqual(1);
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
  });
});
