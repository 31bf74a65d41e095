// Contract test: the two sides of the candidates JSONL format, run together. The trainer's real
// `sample` CLI (.venv, made by scripts/setup-python.sh before `npm test` runs the unit tests) writes
// candidates for a tiny random model; the app's import parser must accept every line as written.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCandidatesRecord } from "./candidates-jsonl";

const root = path.resolve(import.meta.dirname, "../../..");
const python = path.join(root, ".venv/bin/python");

const patient = (content: string) => ({ role: "user", content });
const doctor = (content: string) => ({ role: "assistant", content });

// One line per input form `sample` accepts for a new turn.
const prompts = [
  { messages: [patient("我头疼三天了")] }, // bare: turn counted from the messages
  { id: "dlg-2", messages: [{ role: "system", content: "你是医生" }, patient("孩子发烧"), doctor("多少度？"), patient("38度5")] },
  { dialogue_id: "dlg-3", turn: 2, messages: [patient("咳嗽"), doctor("多久了？"), patient("一周"), doctor("有痰吗？"), patient("有黄痰")] },
  { item_id: "cmitem42", messages: [patient("失眠怎么办")] }, // a turn the app already holds
];

let dir = "";
let lines: unknown[] = [];

beforeAll(() => {
  if (!existsSync(python)) throw new Error(`${python} is missing: run bash scripts/setup-python.sh first`);
  dir = mkdtempSync(path.join(tmpdir(), "medrank-sample-contract-"));
  const run = (...args: string[]) => execFileSync(python, ["-m", "medrank_trainer.cli", ...args], { cwd: root, stdio: "pipe", env: { ...process.env, OMP_NUM_THREADS: "1" } });
  run("tiny-model", path.join(dir, "tiny"));
  writeFileSync(path.join(dir, "prompts.jsonl"), prompts.map((p) => JSON.stringify(p)).join("\n") + "\n");
  run("sample", "--policy", path.join(dir, "tiny"), "--prompts", path.join(dir, "prompts.jsonl"), "--out", path.join(dir, "candidates.jsonl"), "--k", "2", "--max-new-tokens", "6", "--temperature", "1.0", "--device", "cpu");
  lines = readFileSync(path.join(dir, "candidates.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("trainer `sample` output → app candidates import", () => {
  it("writes one line per prompt, each accepted by the app's parser with the turn the app would count", () => {
    expect(lines).toHaveLength(prompts.length);
    const parsed = lines.map((line, index) => parseCandidatesRecord(line, { index, line: index + 1 }, "candidates.jsonl"));
    for (const r of parsed) {
      if (!r.ok) throw new Error(`the app refused a line written by sample: ${JSON.stringify(r.issues)}`);
    }
    const records = parsed.map((r) => (r.ok ? r.record : null));
    expect(records.map((r) => (r?.type === "turn" ? [r.dialogueExternalId, r.turnIndex, r.prompt.length] : [r?.type]))).toEqual([
      ["line-1", 0, 1],
      ["dlg-2", 1, 3],
      ["dlg-3", 2, 5],
      ["item"],
    ]);
    for (const r of records) expect(r?.candidates).toHaveLength(2);
  });
});
