import { describe, expect, it } from "vitest";
import { displayOrderFor, seededPermutation } from "./shuffle";

describe("seeded display order", () => {
  it("is a permutation of 0..K-1", () => {
    for (const k of [1, 2, 4, 7]) {
      expect([...seededPermutation(k, `seed-${k}`)].sort((a, b) => a - b)).toEqual(Array.from({ length: k }, (_, i) => i));
    }
  });

  it("is a fixed order for a given item and annotator", () => {
    // Known orders, worked out apart from this code (FNV-1a of "<item>:<user>", mulberry32,
    // Fisher–Yates). A change of hash, generator or shuffle changes them.
    expect(displayOrderFor("item-1", "user-a", 4)).toEqual([2, 0, 3, 1]);
    expect(displayOrderFor("item-1", "user-b", 4)).toEqual([2, 3, 0, 1]);
    expect(displayOrderFor("item-2", "user-a", 4)).toEqual([2, 1, 0, 3]);
    expect(seededPermutation(7, "seed-7")).toEqual([4, 0, 3, 2, 5, 6, 1]);
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
