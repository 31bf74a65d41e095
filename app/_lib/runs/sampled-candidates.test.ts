import { describe, expect, it } from "vitest";
import { planSampledCandidates } from "./sampled-candidates";

const c = (text: string) => ({ text, source: "model:tiny@run1" });

describe("planSampledCandidates", () => {
  const items = [
    { id: "a", status: "AWAITING_CANDIDATES", texts: [] },
    { id: "b", status: "AWAITING_CANDIDATES", texts: ["已有回答"] },
    { id: "c", status: "OPEN", texts: ["1", "2"] },
  ];

  it("fills each pinned item up to K with new distinct texts", () => {
    const plan = planSampledCandidates({
      records: [
        { item_id: "a", candidates: [c("甲"), c("乙")] },
        { item_id: "b", candidates: [c("已有回答"), c("丙"), c("丁")] },
      ],
      pinnedItemIds: ["a", "b", "c"],
      items,
      k: 2,
    });
    expect(plan.lines).toEqual([
      { item_id: "a", candidates: [c("甲"), c("乙")] },
      { item_id: "b", candidates: [c("丙")] },
    ]);
    expect(plan.skipped).toEqual([]);
  });

  it("skips items that no longer await candidates or lack enough distinct answers", () => {
    const plan = planSampledCandidates({
      records: [{ item_id: "c", candidates: [c("x"), c("y")] }, { item_id: "a", candidates: [c("同"), c("同")] }],
      pinnedItemIds: ["a", "c"],
      items,
      k: 2,
    });
    expect(plan.lines).toEqual([]);
    expect(plan.skipped.map((s) => s.itemId)).toEqual(["c", "a"]);
    expect(plan.skipped[1].reason).toContain("only 1 new distinct candidates for the 2");
  });

  it("refuses records for items the run did not pin, naming the record", () => {
    expect(() =>
      planSampledCandidates({ records: [{ item_id: "zzz", candidates: [] }], pinnedItemIds: ["a"], items, k: 2 }),
    ).toThrow("records[0]: item zzz is not one of this run's items");
    expect(() => planSampledCandidates({ records: [{ candidates: [] }], pinnedItemIds: ["a"], items, k: 2 })).toThrow(
      "records[0]: field 'item_id'",
    );
  });
});
