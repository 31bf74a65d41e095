import { describe, expect, it } from "vitest";
import { AnswerPool } from "./distractors";
import { type ExistingItem, type ImportLookup, type PlanContext, newPlanState, planBatch, turnKey } from "./plan-batch";
import type { DialogueRecord, ImportRecord } from "./types";

function lookup(opts: { dialogues?: string[]; items?: ExistingItem[]; turns?: Record<string, ExistingItem> } = {}): ImportLookup {
  return {
    dialoguesByExternalId: async (ids) => new Map(ids.filter((id) => opts.dialogues?.includes(id)).map((id) => [id, { id: `db-${id}` }])),
    itemsById: async (ids) => new Map((opts.items ?? []).filter((i) => ids.includes(i.id)).map((i) => [i.id, i])),
    itemsByTurn: async (turns) =>
      new Map(turns.map((t) => turnKey(t.dialogueExternalId, t.turnIndex)).filter((k) => opts.turns?.[k]).map((k) => [k, opts.turns![k]])),
  };
}

function ctx(l: ImportLookup, over: Partial<PlanContext> = {}): PlanContext {
  return { projectId: "p1", k: 4, importId: "imp1", builder: "none", seed: "s", pool: new AnswerPool("s"), mode: "write", lookup: l, ...over };
}

const dlg = (id: string, turns = 2, candidates?: Map<number, { text: string; source: string }[]>): DialogueRecord => ({
  type: "dialogue",
  externalId: id,
  kind: "dialogue",
  department: "内科",
  subDepartment: null,
  turns: Array.from({ length: turns }, (_, t) => ({ patient: `${id}-问${t}`, doctor: `${id}-答${t}` })),
  candidates: candidates ?? new Map(),
});
const cands = (n: number, tag = "c") => Array.from({ length: n }, (_, i) => ({ text: `${tag}${i}`, source: "model:m" }));
const at = (index: number, id: string | null = null) => ({ index, id });

describe("planBatch", () => {
  it("creates a dialogue and one item per turn, awaiting candidates when the file has none", async () => {
    const state = newPlanState();
    const { rows, issues } = await planBatch([{ ref: at(0, "a"), record: dlg("a", 3) }], state, ctx(lookup()));
    expect(issues).toEqual([]);
    expect(rows.dialogues).toHaveLength(1);
    expect(rows.items.map((i) => [i.turnIndex, i.status, i.dialogueId === rows.dialogues[0].id])).toEqual([
      [0, "AWAITING_CANDIDATES", true],
      [1, "AWAITING_CANDIDATES", true],
      [2, "AWAITING_CANDIDATES", true],
    ]);
    expect(rows.items[1].prompt).toHaveLength(3);
    expect(rows.items[1].referenceAnswer).toBe("a-答1");
    expect(state.counts).toMatchObject({ dialogues: 1, items: 3, openItems: 0, candidates: 0 });
  });

  it("opens an item that gets exactly K candidates, and refuses more than K naming the record", async () => {
    const ok = await planBatch([{ ref: at(0, "a"), record: dlg("a", 1, new Map([[0, cands(4)]])) }], newPlanState(), ctx(lookup()));
    expect(ok.rows.items[0].status).toBe("OPEN");
    expect(ok.rows.candidates.map((c) => c.position)).toEqual([0, 1, 2, 3]);

    const bad = await planBatch([{ ref: at(7, "b"), record: dlg("b", 1, new Map([[0, cands(5)]])) }], newPlanState(), ctx(lookup()));
    expect(bad.issues).toEqual([expect.objectContaining({ index: 7, id: "b", field: "response_4" })]);
    expect(bad.rows.items).toEqual([]);
  });

  it("drops repeated answers of a record (the Zhongjing sample with four times 健康。) and waits for more candidates", async () => {
    const state = newPlanState();
    const same = ["健康。", "健康。", " 健康。", "健康。"].map((text) => ({ text, source: "import:zj.json" }));
    const { rows, issues } = await planBatch([{ ref: at(0, "z"), record: dlg("z", 1, new Map([[0, same]])) }], state, ctx(lookup()));
    expect(issues).toEqual([]);
    expect(rows.candidates.map((c) => c.text)).toEqual(["健康。"]);
    expect(rows.items[0].status).toBe("AWAITING_CANDIDATES");
    expect(state.counts).toMatchObject({ candidates: 1, skippedCandidates: 3 });
  });

  it("the same rule for candidate JSONL: repeats within a record and of texts the item has are dropped", async () => {
    const state = newPlanState();
    const turn: ImportRecord = {
      type: "turn",
      dialogueExternalId: "t",
      turnIndex: 0,
      prompt: [{ role: "user", content: "头痛？" }],
      department: null,
      candidates: ["休息。", "休息。 ", "就医。", "补水。", "吃药。"].map((text) => ({ text, source: "model:m" })),
    };
    const { rows, issues } = await planBatch([{ ref: at(0), record: turn }], state, ctx(lookup()));
    expect(issues).toEqual([]);
    expect(rows.candidates.map((c) => c.text)).toEqual(["休息。", "就医。", "补水。", "吃药。"]);
    expect(rows.items[0].status).toBe("OPEN");
    expect(state.counts.skippedCandidates).toBe(1);
  });

  it("makes items of the ranked turn only when the record says the history is context", async () => {
    const state = newPlanState();
    const record = { ...dlg("h", 3, new Map([[2, cands(4)]])), rankedTurns: "last" as const };
    const { rows } = await planBatch([{ ref: at(0, "h"), record }], state, ctx(lookup()));
    expect(rows.items.map((i) => [i.turnIndex, i.status])).toEqual([[2, "OPEN"]]);
    expect(rows.items[0].prompt).toHaveLength(5);
    expect(rows.dialogues[0].messages).toHaveLength(6);
    expect(state.counts).toMatchObject({ items: 1, openItems: 1, contextTurns: 2 });
  });

  it("skips dialogues already in the project and names duplicates within the file", async () => {
    const state = newPlanState();
    const { rows, issues } = await planBatch(
      [
        { ref: at(0, "old"), record: dlg("old") },
        { ref: at(1, "x"), record: dlg("x") },
        { ref: at(2, "x"), record: dlg("x") },
      ],
      state,
      ctx(lookup({ dialogues: ["old"] })),
    );
    expect(rows.dialogues.map((d) => d.externalId)).toEqual(["x"]);
    expect(state.counts.skippedDialogues).toBe(1);
    expect(issues).toEqual([expect.objectContaining({ index: 2, field: "id", message: expect.stringContaining("record 1") })]);
  });

  it("adds candidates to an item awaiting them and opens it at K, skipping texts it already has", async () => {
    const item: ExistingItem = { id: "i1", dialogueId: "d1", status: "AWAITING_CANDIDATES", prompt: [], candidateTexts: ["c0", "c1"] };
    const state = newPlanState();
    const records: ImportRecord[] = [{ type: "item", itemId: "i1", candidates: [...cands(1), { text: "new", source: "model:m" }, { text: "new2", source: "model:m" }] }];
    const { rows, issues } = await planBatch(records.map((record, i) => ({ ref: at(i, "i1"), record })), state, ctx(lookup({ items: [item] })));
    expect(issues).toEqual([]);
    expect(rows.candidates.map((c) => [c.position, c.text])).toEqual([[2, "new"], [3, "new2"]]);
    expect(rows.openedItemIds).toEqual(["i1"]);
    expect(state.counts).toMatchObject({ candidates: 2, skippedCandidates: 1, openItems: 1 });
  });

  it("refuses candidates for unknown items, items not awaiting candidates, and more than K in total", async () => {
    const l = lookup({
      items: [
        { id: "open", dialogueId: "d", status: "OPEN", prompt: [], candidateTexts: ["a", "b", "c", "d"] },
        { id: "three", dialogueId: "d", status: "AWAITING_CANDIDATES", prompt: [], candidateTexts: ["a", "b", "c"] },
      ],
    });
    const records: ImportRecord[] = [
      { type: "item", itemId: "nope", candidates: cands(1) },
      { type: "item", itemId: "open", candidates: cands(1) },
      { type: "item", itemId: "three", candidates: cands(2, "z") },
    ];
    const { issues } = await planBatch(records.map((record, i) => ({ ref: { index: i, line: i + 1, id: null }, record })), newPlanState(), ctx(l));
    expect(issues.map((i) => [i.line, i.field])).toEqual([[1, "item_id"], [2, "candidates"], [3, "candidates"]]);
    expect(issues[1].message).toContain("OPEN");
    expect(issues[2].message).toContain("exceed k=4");
  });

  it("creates new turns, lets later records add to them, and checks their messages agree", async () => {
    const prompt = [{ role: "user" as const, content: "头痛" }];
    const state = newPlanState();
    const first = await planBatch(
      [
        { ref: at(0), record: { type: "turn", dialogueExternalId: "d9", turnIndex: 0, prompt, department: "内科", candidates: cands(2) } },
        { ref: at(1), record: { type: "turn", dialogueExternalId: "d9", turnIndex: 0, prompt, department: "内科", candidates: cands(2, "more") } },
      ],
      state,
      ctx(lookup()),
    );
    expect(first.issues).toEqual([]);
    expect(first.rows.dialogues).toHaveLength(1);
    expect(first.rows.items).toHaveLength(1);
    expect(first.rows.items[0].status).toBe("OPEN");
    expect(first.rows.candidates.map((c) => c.position)).toEqual([0, 1, 2, 3]);

    const second = await planBatch(
      [{ ref: at(2), record: { type: "turn", dialogueExternalId: "d9", turnIndex: 0, prompt: [{ role: "user", content: "别的问题" }], department: null, candidates: cands(1) } }],
      state,
      ctx(lookup()),
    );
    expect(second.issues).toEqual([expect.objectContaining({ index: 2, field: "messages" })]);
  });

  it("builds reference + distractors in the write pass from the pool filled in the validate pass", async () => {
    const pool = new AnswerPool("s");
    const records = ["a", "b", "c", "d"].map((id, i) => ({ ref: at(i, id), record: dlg(id, 2) }));
    await planBatch(records, newPlanState(), ctx(lookup(), { builder: "reference-distractors", mode: "validate", pool }));
    const { rows, issues } = await planBatch(records, newPlanState(), ctx(lookup(), { builder: "reference-distractors", mode: "write", pool }));
    expect(issues).toEqual([]);
    expect(rows.items.every((i) => i.status === "OPEN")).toBe(true);
    const first = rows.candidates.filter((c) => c.itemId === rows.items[0].id);
    expect(first.map((c) => c.source).filter((s) => s === "reference")).toHaveLength(1);
    expect(first.find((c) => c.source === "reference")!.text).toBe("a-答0");
    expect(first.filter((c) => c.source.startsWith("distractor:")).every((c) => c.source !== "distractor:a")).toBe(true);
  });
});

describe("planBatch, content-derived ids", () => {
  it("numbers exact repeats of a safety probe instead of refusing them, across batches", async () => {
    const probe = (): DialogueRecord => ({ ...dlg("safety-abc", 1), kind: "safety", idFromContent: true });
    const state = newPlanState();
    const first = await planBatch([{ ref: at(0, "safety-abc"), record: probe() }, { ref: at(1, "safety-abc"), record: probe() }], state, ctx(lookup()));
    const second = await planBatch([{ ref: at(2, "safety-abc"), record: probe() }], state, ctx(lookup()));
    expect([...first.issues, ...second.issues]).toEqual([]);
    expect([...first.rows.dialogues, ...second.rows.dialogues].map((d) => d.externalId)).toEqual(["safety-abc", "safety-abc-2", "safety-abc-3"]);
  });
});
