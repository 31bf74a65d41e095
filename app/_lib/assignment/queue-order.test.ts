import { describe, expect, it } from "vitest";
import { drawsRandom, pickReason } from "./queue-order";

describe("queue order: which way the next item is picked", () => {
  const base = { projectId: "p1", annotatorId: "u1", served: 0, randomShare: 0.2, rewardModelId: "rm1" };

  it("keeps the default order unless the project orders by uncertainty and has a model", () => {
    expect(pickReason({ ...base, queueOrder: "OLDEST_FIRST" })).toBe("DEFAULT");
    expect(pickReason({ ...base, queueOrder: "UNCERTAINTY_FIRST", rewardModelId: null })).toBe("DEFAULT");
    expect(pickReason({ ...base, queueOrder: "UNCERTAINTY_FIRST", randomShare: 0 })).toBe("UNCERTAINTY");
    expect(pickReason({ ...base, queueOrder: "UNCERTAINTY_FIRST", randomShare: 1 })).toBe("RANDOM");
  });

  it("draws the random share at the set rate over many picks, reproducibly", () => {
    for (const share of [0.1, 0.2, 0.5]) {
      let random = 0;
      const n = 20_000;
      for (let served = 0; served < n; served++) if (drawsRandom({ projectId: "p1", annotatorId: `u${served % 37}`, served, share })) random++;
      // binomial sd at n = 20000 is at most 0.0036: 4 sd
      expect(Math.abs(random / n - share)).toBeLessThan(0.015);
    }
    expect(drawsRandom({ projectId: "p", annotatorId: "u", served: 3, share: 0.3 })).toBe(drawsRandom({ projectId: "p", annotatorId: "u", served: 3, share: 0.3 }));
  });
});
