import { describe, expect, it } from "vitest";
import { planBatches } from "./batching";

describe("planBatches", () => {
  it("covers every row exactly once", () => {
    const lengths = [5, 300, 12, 7, 90, 90, 1, 64];
    const batches = planBatches(lengths, { maxBatchTokens: 256, maxBatchRows: 3 });
    expect(batches.flat().sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
  });

  it("keeps padded tokens and rows under the caps (a row longer than the cap alone)", () => {
    const lengths = [5, 300, 12, 7, 90, 90, 1, 64, 64, 64, 64];
    const limits = { maxBatchTokens: 256, maxBatchRows: 3 };
    for (const batch of planBatches(lengths, limits)) {
      const width = Math.max(...batch.map((i) => lengths[i]));
      expect(batch.length).toBeLessThanOrEqual(limits.maxBatchRows);
      if (batch.length > 1) expect(batch.length * width).toBeLessThanOrEqual(limits.maxBatchTokens);
    }
    expect(planBatches(lengths, limits)[0]).toEqual([1]);
  });

  it("groups rows of similar length", () => {
    expect(planBatches([10, 100, 11, 101], { maxBatchTokens: 1000, maxBatchRows: 2 })).toEqual([[3, 1], [2, 0]]);
  });
});
