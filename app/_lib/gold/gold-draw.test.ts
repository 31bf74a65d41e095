import { describe, expect, it } from "vitest";
import { drawsGold } from "./gold-draw";

describe("drawsGold", () => {
  it("serves gold at about the configured rate, with no fixed period", () => {
    const draws = Array.from({ length: 4000 }, (_, served) => drawsGold({ projectId: "p", annotatorId: "u", served, rate: 0.1 }));
    const share = draws.filter(Boolean).length / draws.length;
    expect(share).toBeGreaterThan(0.085);
    expect(share).toBeLessThan(0.115);
    const gaps = new Set<number>();
    let last = -1;
    draws.forEach((d, i) => {
      if (d) {
        if (last >= 0) gaps.add(i - last);
        last = i;
      }
    });
    expect(gaps.size).toBeGreaterThan(5);
  });

  it("is reproducible, differs between annotators, and obeys rates 0 and 1", () => {
    const a = Array.from({ length: 50 }, (_, served) => drawsGold({ projectId: "p", annotatorId: "a", served, rate: 0.3 }));
    const again = Array.from({ length: 50 }, (_, served) => drawsGold({ projectId: "p", annotatorId: "a", served, rate: 0.3 }));
    const b = Array.from({ length: 50 }, (_, served) => drawsGold({ projectId: "p", annotatorId: "b", served, rate: 0.3 }));
    expect(again).toEqual(a);
    expect(b).not.toEqual(a);
    expect(Array.from({ length: 50 }, (_, served) => drawsGold({ projectId: "p", annotatorId: "a", served, rate: 0 })).some(Boolean)).toBe(false);
    expect(Array.from({ length: 50 }, (_, served) => drawsGold({ projectId: "p", annotatorId: "a", served, rate: 1 })).every(Boolean)).toBe(true);
  });
});
