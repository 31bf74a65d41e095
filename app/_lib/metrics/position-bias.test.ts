import { describe, expect, it } from "vitest";
import { positionBias } from "./position-bias";

describe("positionBias", () => {
  it("counts the display slot of the top-ranked candidate, not its canonical position", () => {
    // candidate 2 is best and was shown in slot 0; candidate 0 is best and was shown in slot 3
    const r = positionBias(4, [
      { displayOrder: [2, 0, 1, 3], ranks: [2, 3, 1, 4] },
      { displayOrder: [1, 2, 3, 0], ranks: [1, 2, 3, 4] },
    ]);
    expect(r.slots.map((s) => s.firstCount)).toEqual([1, 0, 0, 1]);
    expect(r.slots.map((s) => s.share)).toEqual([0.5, 0, 0, 0.5]);
    expect(r.expectedShare).toBe(0.25);
    expect(r.rankings).toBe(2);
  });

  it("reports no bias (χ² = 0, p = 1) when first choices are spread evenly over the slots", () => {
    const rankings = [0, 1, 2, 3].map((slot) => {
      const displayOrder = [0, 1, 2, 3];
      const ranks = displayOrder.map((pos) => ((pos - slot + 4) % 4) + 1); // the candidate in `slot` is best
      return { displayOrder, ranks };
    });
    const r = positionBias(4, rankings);
    expect(r.chiSquare).toBe(0);
    expect(r.pValue).toBe(1);
  });

  it("flags a strong first-slot preference with a small p-value", () => {
    const rankings = Array.from({ length: 40 }, (_, i) => ({
      displayOrder: [i % 4, (i + 1) % 4, (i + 2) % 4, (i + 3) % 4],
      // the candidate shown first is always ranked first
      ranks: [0, 1, 2, 3].map((pos) => ((pos - (i % 4) + 4) % 4) + 1),
    }));
    const r = positionBias(4, rankings);
    expect(r.slots[0].firstCount).toBe(40);
    expect(r.chiSquare).toBeCloseTo(120, 10); // (40−10)²/10 + 3·(0−10)²/10
    expect(r.degreesOfFreedom).toBe(3);
    expect(r.pValue!).toBeLessThan(1e-20);
  });

  it("splits a tie for first between the tied slots and skips malformed display orders", () => {
    const r = positionBias(4, [
      { displayOrder: [3, 2, 1, 0], ranks: [1, 1, 3, 4] }, // positions 0 and 1 tie → slots 3 and 2
      { displayOrder: [0, 1], ranks: [1, 2, 3, 4] },
    ]);
    expect(r.rankings).toBe(1);
    expect(r.slots.map((s) => s.firstCount)).toEqual([0, 0, 0.5, 0.5]);
  });
});
