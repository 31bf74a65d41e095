import { describe, expect, it } from "vitest";
import { createProjectSchema } from "./create-project.schema";
import { lockedSettingProblems, ruleProblems } from "./project-settings";
import { updateProjectSchema } from "./update-project.schema";

describe("createProjectSchema", () => {
  it("fills the Zhongjing defaults", () => {
    expect(createProjectSchema.parse({ name: " 皮肤科 v1 " })).toEqual({
      name: "皮肤科 v1",
      description: "",
      k: 4,
      annotatorsPerItem: 2,
      allowTies: false,
      disagreementRule: "ANY_ORDER",
      kendallThreshold: null,
      leaseMinutes: 30,
      guidelines: "",
    });
  });

  it("keeps K between 2 and 8 and names the field", () => {
    for (const k of [1, 9, 3.5]) {
      const r = createProjectSchema.safeParse({ name: "p", k });
      expect(r.success).toBe(false);
      expect(r.error!.issues[0].path).toEqual(["k"]);
    }
    expect(createProjectSchema.parse({ name: "p", k: 8 }).k).toBe(8);
  });

  it("requires a threshold for KENDALL and refuses one for other rules", () => {
    const missing = createProjectSchema.safeParse({ name: "p", disagreementRule: "KENDALL" });
    expect(missing.error!.issues[0]).toMatchObject({ path: ["kendallThreshold"] });
    expect(createProjectSchema.parse({ name: "p", disagreementRule: "KENDALL", kendallThreshold: 0.6 }).kendallThreshold).toBe(0.6);
    expect(createProjectSchema.safeParse({ name: "p", disagreementRule: "TOP1", kendallThreshold: 0.6 }).success).toBe(false);
    expect(createProjectSchema.safeParse({ name: "p", disagreementRule: "KENDALL", kendallThreshold: 1.5 }).success).toBe(false);
  });

  it("refuses unknown settings instead of ignoring them", () => {
    expect(createProjectSchema.safeParse({ name: "p", kk: 4 }).success).toBe(false);
  });
});

describe("updateProjectSchema", () => {
  it("accepts a partial change and refuses an empty one", () => {
    expect(updateProjectSchema.parse({ leaseMinutes: 45 })).toEqual({ leaseMinutes: 45 });
    expect(updateProjectSchema.safeParse({}).success).toBe(false);
  });
});

describe("ruleProblems", () => {
  it("is empty for consistent settings", () => {
    expect(ruleProblems({ disagreementRule: "ANY_ORDER", kendallThreshold: null })).toEqual([]);
    expect(ruleProblems({ disagreementRule: "KENDALL", kendallThreshold: 0 })).toEqual([]);
  });
});

describe("lockedSettingProblems", () => {
  const current = { k: 4, annotatorsPerItem: 2 };
  it("locks K once items exist", () => {
    expect(lockedSettingProblems({ current, next: { k: 5, annotatorsPerItem: 2 }, itemCount: 0, rankingCount: 0 })).toEqual([]);
    const problems = lockedSettingProblems({ current, next: { k: 5, annotatorsPerItem: 2 }, itemCount: 3, rankingCount: 0 });
    expect(problems).toEqual([{ field: "k", message: expect.stringMatching(/K cannot change.*3 items/) }]);
  });
  it("locks annotators per item once rankings exist, and allows re-sending the same values", () => {
    expect(lockedSettingProblems({ current, next: { k: 4, annotatorsPerItem: 3 }, itemCount: 3, rankingCount: 0 })).toEqual([]);
    expect(lockedSettingProblems({ current, next: { k: 4, annotatorsPerItem: 3 }, itemCount: 3, rankingCount: 1 })[0].field).toBe(
      "annotatorsPerItem",
    );
    expect(lockedSettingProblems({ current, next: current, itemCount: 3, rankingCount: 9 })).toEqual([]);
  });
});
