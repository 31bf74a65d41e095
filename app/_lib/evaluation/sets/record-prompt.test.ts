import { describe, expect, it } from "vitest";
import type { DialogueRecord } from "@/app/_lib/import/types";
import { promptFromRecord } from "./record-prompt";

const dialogue = (turns: number): DialogueRecord => ({
  type: "dialogue",
  externalId: "d1",
  kind: "dialogue",
  department: "内科",
  subDepartment: null,
  candidates: new Map(),
  turns: Array.from({ length: turns }, (_, i) => ({ patient: `问${i}`, doctor: `答${i}` })),
});

describe("promptFromRecord", () => {
  it("single-turn: the first patient message alone", () => {
    const r = promptFromRecord(dialogue(3), false);
    expect(r).toEqual({ ok: true, prompt: { externalId: "d1", messages: [{ role: "user", content: "问0" }], department: "内科", kind: "dialogue" } });
  });

  it("multi-turn: the last turn with its history, and a one-turn dialogue is skipped", () => {
    const r = promptFromRecord(dialogue(2), true);
    expect(r.ok && r.prompt.messages.map((m) => m.content)).toEqual(["问0", "答0", "问1"]);
    expect(promptFromRecord(dialogue(1), true)).toMatchObject({ ok: false, reason: "skip" });
  });

  it("refuses item_id lines: they belong to a project's items", () => {
    expect(promptFromRecord({ type: "item", itemId: "x", candidates: [] }, false)).toMatchObject({ ok: false, reason: "refuse" });
  });
});
