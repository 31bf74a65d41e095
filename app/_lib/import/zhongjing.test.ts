import { describe, expect, it } from "vitest";
import { parseZhongjingRecord } from "./zhongjing";

const at = { index: 0 };
const good = {
  query: "那我需要做什么检查？",
  history: [["医生，我最近总是头晕。", "头晕的原因很多，请问您多大年纪？"]],
  response_0: "建议先测量血压。",
  response_1: "建议做头颅CT。",
  response_2: "多休息即可。",
  response_3: "建议查血常规和血压。",
};

describe("parseZhongjingRecord", () => {
  it("uses the key as id, history + query as turns and response_0…3 as candidates of the last turn", () => {
    const r = parseZhongjingRecord("q-17", good, at, "batch1.json");
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.record.externalId).toBe("q-17");
    expect(r.record.turns).toEqual([
      { patient: "医生，我最近总是头晕。", doctor: "头晕的原因很多，请问您多大年纪？" },
      { patient: "那我需要做什么检查？", doctor: null },
    ]);
    expect(r.record.candidates.get(1)).toEqual([
      { text: "建议先测量血压。", source: "import:batch1.json" },
      { text: "建议做头颅CT。", source: "import:batch1.json" },
      { text: "多休息即可。", source: "import:batch1.json" },
      { text: "建议查血常规和血压。", source: "import:batch1.json" },
    ]);
  });

  it("accepts a record without history or responses (the turn then awaits candidates)", () => {
    const r = parseZhongjingRecord("q-1", { query: "头痛怎么办？" }, at, "f.json");
    if (!r.ok) throw new Error("expected ok");
    expect(r.record.turns).toHaveLength(1);
    expect(r.record.candidates.size).toBe(0);
  });

  it("ranks only the query: history turns are context", () => {
    const r = parseZhongjingRecord("q-17", good, at, "batch1.json");
    if (!r.ok) throw new Error("expected ok");
    expect(r.record.rankedTurns).toBe("last");
  });

  it("names a gap in the numbering of responses", () => {
    const r = parseZhongjingRecord("q-2", { query: "头痛怎么办？", response_0: "a", response_2: "c" }, { index: 5 }, "f.json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ index: 5, id: "q-2", field: "response_1" });
  });

  it("names an empty response and a missing query", () => {
    const r = parseZhongjingRecord("q-3", { response_0: " " }, at, "f.json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.field).sort()).toEqual(["query", "response_0"]);
  });
});
