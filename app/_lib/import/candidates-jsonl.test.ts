import { describe, expect, it } from "vitest";
import { parseCandidatesRecord } from "./candidates-jsonl";

const at = { index: 4, line: 5 };
const cands = [
  { text: "建议多喝水。", source: "model:zhongjing@run-3" },
  { text: "建议就医。", source: "model:zhongjing@run-3" },
];

describe("parseCandidatesRecord", () => {
  it("reads the existing-item form", () => {
    const r = parseCandidatesRecord({ item_id: "cmitem1", candidates: cands }, at, "c.jsonl");
    expect(r).toEqual({ ok: true, record: { type: "item", itemId: "cmitem1", candidates: cands } });
  });

  it("reads the new-turn form and keeps each candidate's source; a missing source names the file", () => {
    const messages = [
      { role: "user", content: "我咳嗽一周了。" },
      { role: "assistant", content: "有没有发热？" },
      { role: "user", content: "没有发热。" },
    ];
    const r = parseCandidatesRecord({ dialogue_id: 7, turn: 1, messages, candidates: [{ text: "可能是感冒后咳嗽。" }] }, at, "c.jsonl");
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.record).toEqual({
      type: "turn",
      dialogueExternalId: "7",
      turnIndex: 1,
      prompt: messages,
      department: null,
      candidates: [{ text: "可能是感冒后咳嗽。", source: "import:c.jsonl" }],
    });
  });

  it.each([
    [{ candidates: cands }, "item_id"],
    [{ item_id: "x", candidates: [] }, "candidates"],
    [{ item_id: "x", candidates: [{ text: "" }] }, "candidates[0].text"],
    [{ item_id: "x", candidates: [{ text: "a", source: 3 }] }, "candidates[0].source"],
    [{ dialogue_id: "d", turn: -1, messages: [{ role: "user", content: "a" }], candidates: cands }, "turn"],
    [{ dialogue_id: "d", turn: 0, messages: [{ role: "doctor", content: "a" }], candidates: cands }, "messages[0].role"],
    [{ dialogue_id: "d", turn: 0, messages: [{ role: "assistant", content: "a" }], candidates: cands }, "messages[0].role"],
    [{ dialogue_id: "d", turn: 2, messages: [{ role: "user", content: "a" }], candidates: cands }, "turn"],
    [{ dialogue_id: "d", turn: 0, messages: [{ role: "user", content: "a" }, { role: "assistant", content: "b" }], candidates: cands }, "messages"],
    [{ item_id: "x", dialogue_id: "d", candidates: cands }, "item_id"],
  ])("names the line and field of a bad record (%#)", (record, field) => {
    const r = parseCandidatesRecord(record, at, "c.jsonl");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ index: 4, line: 5, field });
  });
});
