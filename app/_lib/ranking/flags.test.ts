import { describe, expect, it } from "vitest";
import { flagProblems, normalizeFlags } from "./flags";
import { FLAG_CODES, RUBRIC_ABILITIES } from "./rubric";

describe("flags", () => {
  it("has one flag per rubric ability, in priority order", () => {
    expect(RUBRIC_ABILITIES.map((a) => a.flag)).toEqual([...FLAG_CODES]);
    expect(RUBRIC_ABILITIES[0].ability.zh).toBe("准确性");
  });

  it("accepts known codes on valid positions", () => {
    expect(flagProblems({ "0": ["unsafe"], "3": ["cold_tone", "inaccurate"] }, 4)).toEqual([]);
  });

  it("names an unknown code and a bad position", () => {
    const problems = flagProblems({ "4": ["unsafe"], "1": ["rude"] }, 4);
    expect(problems.map((p) => p.path).sort()).toEqual(["flags.1[0]", "flags.4"]);
  });

  it("normalises to rubric order without duplicates or empty lists", () => {
    expect(normalizeFlags({ "2": ["cold_tone", "inaccurate", "cold_tone"], "0": [] })).toEqual({ "2": ["inaccurate", "cold_tone"] });
  });
});
