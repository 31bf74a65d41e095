import { describe, expect, it } from "vitest";
import { AnswerPool, referenceWithDistractors } from "./distractors";
import type { DialogueRecord } from "./types";

function dialogue(id: string, department: string | null, answers: string[], kind: "dialogue" | "safety" = "dialogue"): DialogueRecord {
  return {
    type: "dialogue",
    externalId: id,
    kind,
    department,
    subDepartment: null,
    turns: answers.map((a, i) => ({ patient: `${id} 问题 ${i}`, doctor: a })),
    candidates: new Map(),
  };
}

const records = [
  dialogue("d1", "皮肤科", ["皮肤1-a", "皮肤1-b"]),
  dialogue("d2", "皮肤科", ["皮肤2-a"]),
  dialogue("d3", "皮肤科", ["皮肤3-a", "皮肤3-b"]),
  dialogue("d4", "儿科", ["儿科4-a", "儿科4-b"]),
  dialogue("d5", "儿科", ["儿科5-a"]),
];

function poolOf(rs: DialogueRecord[], seed = "s1") {
  const pool = new AnswerPool(seed);
  rs.forEach((r) => pool.addDialogue(r));
  return pool;
}

describe("reference + distractors", () => {
  it("gives the real answer plus K−1 answers of OTHER dialogues of the same department, labelled", () => {
    const cands = referenceWithDistractors(poolOf(records), records[0], 0, 4, "s1");
    expect(cands).toHaveLength(4);
    expect(cands.filter((c) => c.source === "reference")).toEqual([{ text: "皮肤1-a", source: "reference" }]);
    const distractors = cands.filter((c) => c.source !== "reference");
    for (const d of distractors) {
      expect(d.source).toMatch(/^distractor:d[23]$/);
      expect(d.text.startsWith(d.source === "distractor:d2" ? "皮肤2" : "皮肤3")).toBe(true);
    }
    expect(new Set(cands.map((c) => c.text)).size).toBe(4);
  });

  it("is deterministic for a seed and changes with the seed", () => {
    const a = referenceWithDistractors(poolOf(records), records[0], 1, 3, "s1");
    const b = referenceWithDistractors(poolOf(records), records[0], 1, 3, "s1");
    expect(a).toEqual(b);
    const many = new Set(
      ["s1", "s2", "s3", "s4", "s5", "s6"].map((s) => JSON.stringify(referenceWithDistractors(poolOf(records, s), records[0], 1, 3, s))),
    );
    expect(many.size).toBeGreaterThan(1);
  });

  it("falls back to other departments when the department has too few other answers", () => {
    const cands = referenceWithDistractors(poolOf(records), records[4], 0, 4, "s1");
    expect(cands).toHaveLength(4);
    const sources = cands.map((c) => c.source);
    expect(sources).toContain("distractor:d4");
    expect(sources.some((s) => /distractor:d[123]/.test(s))).toBe(true);
    expect(sources).not.toContain("distractor:d5");
  });

  it("returns fewer than K when the whole file has too few answers", () => {
    const small = [dialogue("a", "内科", ["甲"]), dialogue("b", "内科", ["乙"])];
    expect(referenceWithDistractors(poolOf(small), small[0], 0, 4, "s1")).toHaveLength(2);
  });

  it("answers safety probes with other probes' answers", () => {
    const probes = [dialogue("p1", null, ["安全1"], "safety"), dialogue("p2", null, ["安全2"], "safety"), dialogue("p3", null, ["安全3"], "safety")];
    const cands = referenceWithDistractors(poolOf([...records, ...probes]), probes[0], 0, 3, "s1");
    expect(cands.map((c) => c.source).sort()).toEqual(["distractor:p2", "distractor:p3", "reference"]);
  });

  it("keeps a bounded sample per department", () => {
    const pool = new AnswerPool("s", 10);
    const many = Array.from({ length: 500 }, (_, i) => dialogue(`m${i}`, "外科", [`答${i}`]));
    many.forEach((r) => pool.addDialogue(r));
    const cands = referenceWithDistractors(pool, many[0], 0, 4, "s");
    expect(cands).toHaveLength(4);
    // the sample is spread over the file, not just its first 10 records
    const drawn = Array.from({ length: 30 }, (_, i) => referenceWithDistractors(pool, many[i], 0, 4, "s")).flatMap((c) => c.map((x) => x.source));
    expect(drawn.some((s) => Number(s.split(":m")[1]) >= 10)).toBe(true);
  });
});
