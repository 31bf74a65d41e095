import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkContainer, detectFormat } from "./detect-format";
import { readSignature } from "./file-signature";
import { readRecords } from "./record-source";

const dir = mkdtempSync(path.join(tmpdir(), "medrank-detect-"));
let n = 0;
function file(content: string): string {
  const p = path.join(dir, `f${n++}`);
  writeFileSync(p, content);
  return p;
}

const cmt = { id: "j1", cate1: "内科", cate2: "内科", instruction: "头痛", input: "", output: "多休息", history: [["a", "b"]] };
const safety = { instruct: "问题", output: "回答" };
const zj = { q1: { query: "头痛", history: [], response_0: "a", response_1: "b" } };
const item = { item_id: "i1", candidates: [{ text: "a", source: "m" }] };
const turn = { dialogue_id: "d", turn: 0, messages: [{ role: "user", content: "头痛" }], candidates: [{ text: "a", source: "m" }] };

describe("format detection by content", () => {
  it.each([
    ["a pretty-printed CMtMedQA list", JSON.stringify([cmt, safety], null, 4), "array", "CMTMEDQA"],
    ["a list starting with a safety probe", JSON.stringify([safety, cmt]), "array", "CMTMEDQA"],
    ["CMtMedQA as JSON Lines", `${JSON.stringify(cmt)}\n${JSON.stringify(safety)}\n`, "lines", "CMTMEDQA"],
    ["a Zhongjing annotation file", JSON.stringify(zj, null, 2), "object-map", "ZHONGJING"],
    ["a one-line Zhongjing file", JSON.stringify(zj), "object-map", "ZHONGJING"],
    ["candidates JSONL, existing items", `${JSON.stringify(item)}\n${JSON.stringify(item)}\n`, "lines", "CANDIDATES_JSONL"],
    ["candidates JSONL, new turns (messages before candidates)", `${JSON.stringify(turn)}\n`, "lines", "CANDIDATES_JSONL"],
    ["a file with a byte-order mark", "\uFEFF" + JSON.stringify([cmt]), "array", "CMTMEDQA"],
  ])("recognises %s", async (_name, content, container, format) => {
    const sig = await readSignature(file(content));
    expect(sig.container).toBe(container);
    expect(detectFormat(sig)).toBe(format);
  });

  it("gives up on records of no known shape", async () => {
    const sig = await readSignature(file(JSON.stringify([{ question: "q", answer: "a" }])));
    expect(detectFormat(sig)).toBeNull();
    expect(sig.recordKeys).toEqual(["question", "answer"]);
  });

  it.each([
    ["", "empty"],
    ["[]", "no records"],
    ["{}", "no records"],
    ["42", "neither"],
    ["not json at all", "not valid JSON"],
  ])("explains a file it cannot read (%j)", async (content, message) => {
    await expect(readSignature(file(content))).rejects.toThrow(message);
  });

  it("checks an explicit format against the file's layout", () => {
    expect(checkContainer("ZHONGJING", "array")).toContain("JSON object of records keyed by id");
    expect(checkContainer("CMTMEDQA", "lines")).toBeNull();
  });
});

describe("readRecords", () => {
  it("streams array elements, object entries (with their keys) and lines (with line numbers)", async () => {
    const fromArray = [];
    for await (const r of readRecords(file(JSON.stringify([cmt, safety])), "array")) fromArray.push([r.index, r.value]);
    expect(fromArray).toEqual([[0, cmt], [1, safety]]);

    const fromObject = [];
    for await (const r of readRecords(file(JSON.stringify({ a: { query: "x" }, b: { query: "y" } })), "object-map")) fromObject.push([r.index, r.key]);
    expect(fromObject).toEqual([[0, "a"], [1, "b"]]);

    const fromLines = [];
    for await (const r of readRecords(file(`${JSON.stringify(item)}\n\n{broken\n${JSON.stringify(item)}`), "lines")) fromLines.push([r.index, r.line, r.syntaxError !== undefined]);
    expect(fromLines).toEqual([[0, 1, false], [1, 3, true], [2, 4, false]]);
  });

  it("reports where a JSON list stops being valid", async () => {
    const read = async () => {
      for await (const _ of readRecords(file('[{"id": "a"}, {"id": "b"}, {"id": '), "array"));
    };
    await expect(read()).rejects.toThrow("not valid JSON after record 1");
  });
});
