import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { AppError } from "../errors";
import { createProject, createUser } from "../testing/factories";
import { DEMO_FILE, importDemoData } from "./demo";
import { hashFile } from "./file-hash";
import { importFile, type ImportOptions } from "./run-import";

const dir = mkdtempSync(path.join(tmpdir(), "medrank-import-"));
let n = 0;
function write(name: string, content: string): string {
  const p = path.join(dir, `${n++}-${name}`);
  writeFileSync(p, content);
  return p;
}
const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join("\n") + "\n";

async function importPath(projectId: string, file: string, options: Partial<ImportOptions> = {}, actorId: string | null = null) {
  const { sha256, bytes } = await hashFile(file);
  return importFile({
    projectId,
    actorId,
    path: file,
    fileName: path.basename(file),
    contentHash: sha256,
    totalBytes: bytes,
    options: { format: "auto", candidates: "none", seed: "test", ...options },
  });
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const dialogue = (id: string, turns = 2) => ({
  id,
  cate1: "内科",
  cate2: "内科",
  instruction: `${id} 最后一个问题`,
  input: "",
  output: `${id} 最后的回答`,
  history: Array.from({ length: turns - 1 }, (_, t) => [`${id} 问题${t}`, `${id} 回答${t}`]),
});

describe("import (database)", () => {
  it("imports the shipped CMtMedQA sample: 1,000 dialogues + 144 safety probes, 4,552 + 144 items, all rankable", async () => {
    const project = await createProject();
    const admin = await createUser({ roles: ["ADMIN"] });
    const counts = await importDemoData({ projectId: project.id, actorId: admin.id });
    expect(counts).toMatchObject({ records: 1144, dialogues: 1144, items: 4696, openItems: 4696, candidates: 4696 * 4, skippedDialogues: 0 });

    const kinds = await db.dialogue.groupBy({ by: ["kind"], where: { projectId: project.id }, _count: true });
    expect(Object.fromEntries(kinds.map((k) => [k.kind, k._count]))).toEqual({ dialogue: 1000, safety: 144 });
    expect(await db.item.count({ where: { projectId: project.id, dialogue: { kind: "dialogue" } } })).toBe(4552);
    expect(await db.item.count({ where: { projectId: project.id, dialogue: { kind: "safety" } } })).toBe(144);
    expect(await db.item.count({ where: { projectId: project.id, status: "OPEN" } })).toBe(4696);

    // one reference per item, the rest real answers of other dialogues, labelled as such
    const item = await db.item.findFirstOrThrow({
      where: { projectId: project.id, dialogue: { externalId: "j4219" }, turnIndex: 1 },
      include: { candidates: true, dialogue: true },
    });
    expect(item.prompt).toHaveLength(3);
    const reference = item.candidates.filter((c) => c.source === "reference");
    expect(reference).toEqual([expect.objectContaining({ text: item.referenceAnswer })]);
    expect(item.candidates.filter((c) => c.source.startsWith("distractor:") && c.source !== "distractor:j4219")).toHaveLength(3);

    const batch = await db.importBatch.findFirstOrThrow({ where: { projectId: project.id } });
    expect(batch).toMatchObject({ format: "CMTMEDQA", fileName: "cmtmedqa-test.json", createdById: admin.id });
    const log = await db.auditLog.findFirst({ where: { action: "import.create", entityId: batch.id } });
    expect(log).toMatchObject({ actorId: admin.id, projectId: project.id });

    // re-importing the same file changes nothing
    const again = await importPath(project.id, DEMO_FILE, { candidates: "reference-distractors" });
    expect(again.duplicate).toBe(true);
    expect(again.import.id).toBe(batch.id);
    expect(await db.dialogue.count({ where: { projectId: project.id } })).toBe(1144);
    expect(await db.importBatch.count({ where: { projectId: project.id } })).toBe(1);
  }, 120_000);

  it("is all or nothing: a bad record in the middle leaves nothing behind and is named", async () => {
    const project = await createProject();
    const records = Array.from({ length: 1200 }, (_, i) => dialogue(`ok-${i}`));
    (records[700] as Record<string, unknown>).history = [["只有问题没有回答", ""]];
    const err = await failure(importPath(project.id, write("bad.json", JSON.stringify(records))));
    expect(err.code).toBe("VALIDATION");
    expect(err.message).toContain("record 700 (id ok-700), field history[0][1]: must not be empty");
    expect(err.details).toEqual({ issues: [expect.objectContaining({ index: 700, id: "ok-700", field: "history[0][1]" })] });
    expect(await db.dialogue.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db.importBatch.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("skips dialogues already in the project when another file repeats them", async () => {
    const project = await createProject();
    await importPath(project.id, write("a.json", JSON.stringify([dialogue("d1"), dialogue("d2")])));
    const second = await importPath(project.id, write("b.jsonl", jsonl([dialogue("d2"), dialogue("d3", 3)])));
    expect(second.import.counts).toMatchObject({ dialogues: 1, items: 3, skippedDialogues: 1 });
    expect(await db.item.count({ where: { projectId: project.id } })).toBe(7);
  });

  it("attaches candidates JSONL to items awaiting them, opens those that reach K and keeps sources", async () => {
    const project = await createProject({ k: 4 });
    await importPath(project.id, write("dialogues.json", JSON.stringify([dialogue("c1", 2)])));
    const items = await db.item.findMany({ where: { projectId: project.id }, orderBy: { turnIndex: "asc" } });
    expect(items.map((i) => i.status)).toEqual(["AWAITING_CANDIDATES", "AWAITING_CANDIDATES"]);

    const four = Array.from({ length: 4 }, (_, i) => ({ text: `模型回答${i}`, source: "model:zhongjing@run-7" }));
    const result = await importPath(
      project.id,
      write("cands.jsonl", jsonl([{ item_id: items[0].id, candidates: four }, { item_id: items[1].id, candidates: four.slice(0, 2) }])),
    );
    expect(result.import.format).toBe("CANDIDATES_JSONL");
    expect(result.import.counts).toMatchObject({ candidates: 6, openItems: 1 });
    const after = await db.item.findMany({ where: { projectId: project.id }, orderBy: { turnIndex: "asc" }, include: { candidates: { orderBy: { position: "asc" } } } });
    expect(after[0].status).toBe("OPEN");
    expect(after[0].candidates.map((c) => [c.position, c.source])).toEqual([0, 1, 2, 3].map((p) => [p, "model:zhongjing@run-7"]));
    expect(after[1].status).toBe("AWAITING_CANDIDATES");

    // a second file tops the second item up to K; more than K is refused naming the line
    const tooMany = await failure(importPath(project.id, write("more.jsonl", jsonl([{ item_id: items[1].id, candidates: four.map((c) => ({ ...c, text: c.text + "!" })) }]))));
    expect(tooMany.message).toContain("line 1");
    expect(tooMany.message).toContain("exceed k=4");
    await importPath(project.id, write("rest.jsonl", jsonl([{ item_id: items[1].id, candidates: four.slice(2) }])));
    expect((await db.item.findUniqueOrThrow({ where: { id: items[1].id } })).status).toBe("OPEN");
  });

  it("creates new turns from candidates JSONL and refuses items of another project", async () => {
    const project = await createProject({ k: 2 });
    const other = await createProject();
    await importPath(other.id, write("o.json", JSON.stringify([dialogue("x1", 1)])));
    const foreign = await db.item.findFirstOrThrow({ where: { projectId: other.id } });

    const err = await failure(importPath(project.id, write("foreign.jsonl", jsonl([{ item_id: foreign.id, candidates: [{ text: "a", source: "m" }] }]))));
    expect(err.message).toContain(`no item ${foreign.id} in this project`);

    const messages = [{ role: "user", content: "我咳嗽一周了。" }];
    const r = await importPath(
      project.id,
      write("turns.jsonl", jsonl([{ dialogue_id: "new-1", turn: 0, messages, candidates: [{ text: "甲", source: "model:a" }, { text: "乙", source: "model:b" }] }])),
    );
    expect(r.import.counts).toMatchObject({ dialogues: 1, items: 1, openItems: 1, candidates: 2 });
    const item = await db.item.findFirstOrThrow({ where: { projectId: project.id }, include: { dialogue: true } });
    expect(item).toMatchObject({ status: "OPEN", turnIndex: 0, prompt: messages });
    expect(item.dialogue.externalId).toBe("new-1");
  });

  it("imports a Zhongjing annotation file with its K responses as candidates", async () => {
    const project = await createProject({ k: 4 });
    const file = write(
      "zj.json",
      JSON.stringify({
        "zj-1": { query: "需要做什么检查？", history: [["我头晕。", "多久了？"]], response_0: "测血压", response_1: "做CT", response_2: "休息", response_3: "查血常规" },
        "zj-2": { query: "头痛怎么办？", history: [], response_0: "健康。", response_1: "健康。", response_2: "健康。", response_3: "健康。" },
      }),
    );
    const r = await importPath(project.id, file);
    expect(r.import.format).toBe("ZHONGJING");
    // the history turn of zj-1 is context, not an item; zj-2's four equal answers are one candidate
    expect(r.import.counts).toMatchObject({ dialogues: 2, items: 2, openItems: 1, candidates: 5, skippedCandidates: 3, contextTurns: 1 });
    expect(await db.item.count({ where: { projectId: project.id, status: "AWAITING_CANDIDATES" } })).toBe(1);
    const last = await db.item.findFirstOrThrow({ where: { projectId: project.id, dialogue: { externalId: "zj-1" }, turnIndex: 1 }, include: { candidates: true } });
    expect(last.status).toBe("OPEN");
    expect(new Set(last.candidates.map((c) => c.source))).toEqual(new Set([`import:${path.basename(file)}`]));
  });

  it("imports Zhongjing's single-turn files (one-element lists, empty ids) and counts a bad record once", async () => {
    const project = await createProject({ k: 4 });
    const single = (q: string, a: string) => ({ id: "", instruction: [q], input: "", output: [a] });
    const r = await importPath(project.id, write("single.json", JSON.stringify([single("失眠怎么办？", "规律作息。"), single("咳嗽怎么办？", "多喝水。"), single("失眠怎么办？", "规律作息。")])));
    expect(r.import.counts).toMatchObject({ dialogues: 3, items: 3 });
    const ids = (await db.dialogue.findMany({ where: { projectId: project.id }, select: { externalId: true } })).map((d) => d.externalId).sort();
    expect(ids).toHaveLength(3);
    expect(ids.every((id) => /^content-[0-9a-f]{16}(-2)?$/.test(id))).toBe(true);
    // a later file repeating them adds only what is new: the ids are stable
    const again = await importPath(
      project.id,
      write("single-more.json", JSON.stringify([single("失眠怎么办？", "规律作息。"), single("咳嗽怎么办？", "多喝水。"), single("失眠怎么办？", "规律作息。"), single("发烧怎么办？", "测体温。")])),
    );
    expect(again.import.counts).toMatchObject({ dialogues: 1, skippedDialogues: 3 });

    const bad = await failure(importPath(project.id, write("bad.json", JSON.stringify([{ id: 7.5, instruction: ["一", "二"], output: 3 }]))));
    expect(bad.message).toMatch(/bad\.json: 1 bad record with 3 problems, nothing was imported/);
  });

  it("refuses a file whose format it cannot tell, and a format that does not fit the file", async () => {
    const project = await createProject();
    const unknown = await failure(importPath(project.id, write("u.json", JSON.stringify([{ question: "q", answer: "a" }]))));
    expect(unknown.message).toContain("Cannot tell the file's format");
    expect(unknown.message).toContain("question, answer");
    const mismatch = await failure(importPath(project.id, write("m.json", JSON.stringify([dialogue("z")])), { format: "ZHONGJING" }));
    expect(mismatch.message).toContain("JSON object of records keyed by id");
  });
});
