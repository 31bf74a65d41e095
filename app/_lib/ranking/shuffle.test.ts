import { describe, expect, it } from "vitest";
import { displayOrderFor, seededPermutation } from "./shuffle";

describe("seeded display order", () => {
  it("is a permutation of 0..K-1", () => {
    for (const k of [1, 2, 4, 7]) {
      expect([...seededPermutation(k, `seed-${k}`)].sort((a, b) => a - b)).toEqual(Array.from({ length: k }, (_, i) => i));
    }
  });

  it("is the same for the same item and annotator", () => {
    expect(displayOrderFor("item-1", "user-a", 4)).toEqual(displayOrderFor("item-1", "user-a", 4));
  });

  it("differs across annotators and items (not a fixed order)", () => {
    const orders = new Set<string>();
    for (let u = 0; u < 50; u++) orders.add(displayOrderFor("item-1", `user-${u}`, 4).join(","));
    // 24 possible orders of 4; 50 annotators should see many of them
    expect(orders.size).toBeGreaterThan(10);
  });

  it("puts each candidate first about equally often", () => {
    const firsts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) firsts[displayOrderFor(`item-${i}`, "user-a", 4)[0]]++;
    for (const count of firsts) expect(count).toBeGreaterThan(850);
  });
});
