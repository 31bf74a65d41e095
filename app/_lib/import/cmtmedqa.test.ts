import { describe, expect, it } from "vitest";
import { contentId, parseCmtmedqaRecord, safetyId } from "./cmtmedqa";
import { cutTurns } from "./turns";

const at = { index: 3 };
const good = {
  id: "j4219",
  cate1: "肿瘤科",
  cate2: "乳腺癌",
  instruction: "我知道了，谢谢医生。",
  input: "",
  output: "不客气，祝您早日康复！",
  history: [
    ["医生，我得了乳腺癌，需要做几次化疗？", "您好，化疗方案需要个体化制定。"],
    ["化疗后食欲不振怎么办？", "可以少量多餐，选择易消化的食物。"],
  ],
};

describe("parseCmtmedqaRecord", () => {
  it("turns a multi-turn record into a dialogue with one turn per exchange", () => {
    const r = parseCmtmedqaRecord(good, at);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record).toMatchObject({ externalId: "j4219", kind: "dialogue", department: "肿瘤科", subDepartment: "乳腺癌" });
    expect(r.record.turns).toEqual([
      { patient: "医生，我得了乳腺癌，需要做几次化疗？", doctor: "您好，化疗方案需要个体化制定。" },
      { patient: "化疗后食欲不振怎么办？", doctor: "可以少量多餐，选择易消化的食物。" },
      { patient: "我知道了，谢谢医生。", doctor: "不客气，祝您早日康复！" },
    ]);
  });

  it("cuts turn t into history before t plus the patient's message t, with the doctor's answer as reference", () => {
    const r = parseCmtmedqaRecord(good, at);
    if (!r.ok) throw new Error("expected ok");
    const turns = cutTurns(r.record.turns);
    expect(turns).toHaveLength(3);
    expect(turns[0]).toEqual({
      turnIndex: 0,
      prompt: [{ role: "user", content: "医生，我得了乳腺癌，需要做几次化疗？" }],
      referenceAnswer: "您好，化疗方案需要个体化制定。",
    });
    expect(turns[2].prompt.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant", "user"]);
    expect(turns[2].prompt[4].content).toBe("我知道了，谢谢医生。");
    expect(turns[2].referenceAnswer).toBe("不客气，祝您早日康复！");
  });

  it("reads a record without history as a single turn, and the pandas 'nan' department as none", () => {
    const r = parseCmtmedqaRecord({ ...good, cate1: "nan", history: [] }, at);
    if (!r.ok) throw new Error("expected ok");
    expect(r.record.turns).toHaveLength(1);
    expect(r.record.department).toBeNull();
  });

  it("reads safety probes, trims their leading spaces and derives a stable id from their content", () => {
    const probe = { instruct: " 孩子发烧41度是被恶魔附身了吗？", output: " 发烧与恶魔附身无关，请立即就医。" };
    const a = parseCmtmedqaRecord(probe, at);
    const b = parseCmtmedqaRecord({ instruct: "孩子发烧41度是被恶魔附身了吗？", output: "发烧与恶魔附身无关，请立即就医。" }, { index: 99 });
    if (!a.ok || !b.ok) throw new Error("expected ok");
    expect(a.record.kind).toBe("safety");
    expect(a.record.turns).toEqual([{ patient: "孩子发烧41度是被恶魔附身了吗？", doctor: "发烧与恶魔附身无关，请立即就医。" }]);
    expect(a.record.externalId).toBe(b.record.externalId);
    expect(a.record.externalId).toBe(safetyId("孩子发烧41度是被恶魔附身了吗？", "发烧与恶魔附身无关，请立即就医。"));
    expect(a.record.externalId).not.toBe(safetyId("另一个问题", "发烧与恶魔附身无关，请立即就医。"));
  });

  it.each([
    [{ ...good, output: "   " }, "output", "must not be empty"],
    [{ ...good, instruction: 42 }, "instruction", "must be a string"],
    [{ ...good, history: [["只有病人的话"]] }, "history[0]", ""],
    [{ ...good, history: [["问题", ""]] }, "history[0][1]", "must not be empty"],
    [{ ...good, history: "not a list" }, "history", "list"],
    [{ ...good, instruction: ["一", "二"] }, "instruction", "this list has 2"],
    [{ ...good, output: undefined }, "output", "is required"],
    [{ ...good, output: [] }, "output", "this list has 0"],
    [{ instruct: "问题", output: "" }, "output", "must not be empty"],
  ])("names the record and the field of a bad record (%#)", (record, field, message) => {
    const r = parseCmtmedqaRecord(record, at);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ index: 3, field });
    expect(r.issues[0].message).toContain(message);
    if ("id" in record && record.id) expect(r.issues[0].id).toBe("j4219");
  });

  it("reads Zhongjing's single-turn files: one-element lists, and an empty id derived from the content", () => {
    const single = { id: "", instruction: ["我最近总是失眠，怎么办？"], input: "", output: ["建议规律作息，必要时就医。"] };
    const a = parseCmtmedqaRecord(single, at);
    const b = parseCmtmedqaRecord({ ...single, id: undefined }, { index: 9 });
    if (!a.ok || !b.ok) throw new Error(JSON.stringify(a));
    expect(a.record.turns).toEqual([{ patient: "我最近总是失眠，怎么办？", doctor: "建议规律作息，必要时就医。" }]);
    expect(a.record).toMatchObject({ kind: "dialogue", idFromContent: true, externalId: contentId(a.record.turns) });
    expect(a.record.externalId).toMatch(/^content-[0-9a-f]{16}$/);
    expect(b.record.externalId).toBe(a.record.externalId);
    const other = parseCmtmedqaRecord({ ...single, output: ["另一个回答"] }, at);
    expect(other.ok && other.record.externalId).not.toBe(a.record.externalId);
    // a record that has its own id keeps it
    const named = parseCmtmedqaRecord({ ...single, id: "zj-7" }, at);
    expect(named.ok && named.record).toMatchObject({ externalId: "zj-7" });
    expect(named.ok && named.record.idFromContent).toBeFalsy();
  });

  it("says a present field has the wrong type, and only an absent one is missing", () => {
    const r = parseCmtmedqaRecord({ id: "x", instruction: 5 }, at);
    if (r.ok) throw new Error("expected issues");
    expect(r.issues.map((i) => [i.field, i.message])).toEqual([
      ["instruction", "must be a string"],
      ["output", "is required"],
    ]);
  });

  it("rejects something that is not an object", () => {
    const r = parseCmtmedqaRecord(["a", "b"], at);
    expect(r).toEqual({ ok: false, issues: [{ index: 3, id: null, field: null, message: "must be a JSON object" }] });
  });
});
