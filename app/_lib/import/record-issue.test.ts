import { describe, expect, it } from "vitest";
import { rejectionMessage } from "./record-issue";

describe("rejectionMessage", () => {
  it("counts bad records, not their problems", () => {
    const issues = [
      { index: 0, id: null, field: "id", message: "must not be empty" },
      { index: 0, id: null, field: "instruction", message: "must be a string" },
      { index: 0, id: null, field: "output", message: "must be a string" },
    ];
    expect(rejectionMessage("zj.json", issues, false)).toBe(
      "zj.json: 1 bad record with 3 problems, nothing was imported. First: record 0, field id: must not be empty",
    );
    expect(rejectionMessage("a.jsonl", [{ index: 1, line: 2, id: "x", field: null, message: "bad" }, { index: 4, line: 5, id: null, field: "turn", message: "bad" }], true)).toBe(
      "a.jsonl: 2 bad records (checking stopped there), nothing was imported. First: line 2 (id x): bad",
    );
  });
});
