import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildSnapshotFiles, type ExportItem, snapshotHash } from "./snapshot-lines";

const snap = { id: "snap1", version: 3, projectId: "proj1", projectName: "演示项目" };
const prompt = [
  { role: "user" as const, content: "我头痛三天了。" },
  { role: "assistant" as const, content: "有发热吗？" },
  { role: "user" as const, content: "没有发热。" },
];
const at = new Date("2026-01-02T03:04:05.000Z");

function item(over: Partial<ExportItem> = {}): ExportItem {
  return {
    id: "item1",
    prompt,
    dialogueExternalId: "j4219",
    turnIndex: 1,
    department: "内科",
    dialogueKind: "dialogue",
    candidates: [
      { position: 0, text: "A", source: "reference" },
      { position: 1, text: "B", source: "distractor:j1" },
      { position: 2, text: "C", source: "model:zj@r1" },
      { position: 3, text: "D", source: "model:zj@r1" },
    ],
    finalRanks: [2, 1, 3, 4],
    finalReplacement: null,
    adjudicated: false,
    adjudicatorId: null,
    rankings: [
      { id: "r1", annotatorId: "u1", ranks: [2, 1, 3, 4], flags: { "3": ["unsafe"] }, replacement: null, comment: "D 有误", durationMs: 61000, createdAt: at },
      { id: "r2", annotatorId: "u2", ranks: [2, 1, 3, 4], flags: {}, replacement: null, comment: null, durationMs: 45000, createdAt: at },
    ],
    ...over,
  };
}

const parse = (text: string) => text.trimEnd().split("\n").map((l) => JSON.parse(l));

describe("snapshot files", () => {
  it("writes one rankings line per final item: prompt, responses best-first, ranks and provenance", () => {
    const files = buildSnapshotFiles([item()], snap);
    const [line] = parse(files.rankings);
    expect(line).toEqual({
      id: "item1",
      messages: prompt,
      responses: ["B", "A", "C", "D"],
      ranks: [1, 2, 3, 4],
      meta: {
        project: "proj1",
        project_name: "演示项目",
        dialogue_id: "j4219",
        turn: 1,
        department: "内科",
        kind: "dialogue",
        annotators: ["u1", "u2"],
        adjudicated: false,
        adjudicator: null,
        replacement: false,
        snapshot: "snap1",
        snapshot_version: 3,
        sources: ["distractor:j1", "reference", "model:zj@r1", "model:zj@r1"],
        positions: [1, 0, 2, 3],
      },
    });
    expect(files.counts).toEqual({ items: 1, adjudicated: 0, replacements: 0, pairs: 6, rawRankings: 2 });
  });

  it("expands pairs in TRL's conversational preference format", () => {
    const pairs = parse(buildSnapshotFiles([item()], snap).pairs);
    expect(pairs).toHaveLength(6);
    expect(pairs[0]).toEqual({
      prompt,
      chosen: [{ role: "assistant", content: "B" }],
      rejected: [{ role: "assistant", content: "A" }],
      meta: { item: "item1", pair: [0, 1], ranks: [1, 2], sources: ["distractor:j1", "reference"], project: "proj1", dialogue_id: "j4219", turn: 1, snapshot: "snap1" },
    });
  });

  it("never writes a pair whose chosen and rejected answers are the same text", () => {
    const repeated = item({
      candidates: [
        { position: 0, text: "健康。", source: "import:zj.json" },
        { position: 1, text: "健康。 ", source: "import:zj.json" },
        { position: 2, text: "建议就医。", source: "import:zj.json" },
        { position: 3, text: "健康。", source: "import:zj.json" },
      ],
      finalRanks: [1, 2, 3, 4],
    });
    const files = buildSnapshotFiles([repeated], snap);
    const pairs = parse(files.pairs);
    for (const p of pairs) expect(p.chosen[0].content.trim()).not.toBe(p.rejected[0].content.trim());
    // 健康。 beats 建议就医。 three times over (positions 0, 1 and 3 are all 健康。), and 建议就医。 beats 健康。 once
    expect(pairs.map((p) => p.meta.pair)).toEqual([[0, 2], [1, 2], [2, 3]]);
    expect(files.counts.pairs).toBe(3);
  });

  it("marks an adjudicated item with a replacement answer, which beats every candidate", () => {
    const files = buildSnapshotFiles([item({ adjudicated: true, adjudicatorId: "u9", finalReplacement: "抱歉，我无法确定。", finalRanks: [1, 2, 2, 4] })], snap);
    const [line] = parse(files.rankings);
    expect(line.responses[0]).toBe("抱歉，我无法确定。");
    expect(line.ranks).toEqual([1, 2, 3, 3, 5]);
    expect(line.meta).toMatchObject({ adjudicated: true, adjudicator: "u9", replacement: true });
    const pairs = parse(files.pairs);
    // C(5,2) = 10 minus the one tie
    expect(pairs).toHaveLength(9);
    expect(pairs.filter((p) => p.chosen[0].content === "抱歉，我无法确定。")).toHaveLength(4);
    expect(files.counts).toMatchObject({ adjudicated: 1, replacements: 1, pairs: 9 });
  });

  it("writes each annotator's ranking to raw.jsonl in canonical order and best-first", () => {
    const raw = parse(buildSnapshotFiles([item()], snap).raw);
    expect(raw[0]).toEqual({
      item: "item1",
      ranking: "r1",
      annotator: "u1",
      ranks: [2, 1, 3, 4],
      candidates: [
        { position: 0, text: "A", source: "reference" },
        { position: 1, text: "B", source: "distractor:j1" },
        { position: 2, text: "C", source: "model:zj@r1" },
        { position: 3, text: "D", source: "model:zj@r1" },
      ],
      responses: ["B", "A", "C", "D"],
      response_ranks: [1, 2, 3, 4],
      flags: { "3": ["unsafe"] },
      replacement: null,
      comment: "D 有误",
      duration_ms: 61000,
      created_at: "2026-01-02T03:04:05.000Z",
      meta: { project: "proj1", dialogue_id: "j4219", turn: 1, snapshot: "snap1" },
    });
  });

  it("hashes the three files as `cat rankings.jsonl pairs.jsonl raw.jsonl | sha256sum`", () => {
    const files = buildSnapshotFiles([item(), item({ id: "item2" })], snap);
    const expected = createHash("sha256").update(files.rankings + files.pairs + files.raw).digest("hex");
    expect(snapshotHash(files)).toBe(expected);
    expect(snapshotHash({ ...files, raw: files.raw + " " })).not.toBe(expected);
  });
});
