// A real (tiny) reward model for tests: the trainer builds a tiny random model, trains an RM on
// synthetic rankings for a few steps and exports it to ONNX (fp32 + int8). Built once and cached
// in the system temp folder under a key of the trainer sources that shape it, so every test
// process after the first reuses it. Needs .venv (scripts/setup-python.sh).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { verifyFolder } from "../reward-models/files";
import { readManifest } from "../reward-models/manifest";
import { registerFolder } from "../reward-models/registry";

const root = path.resolve(import.meta.dirname, "../../..");
const python = path.join(root, ".venv/bin/python");
const SOURCES = ["tiny.py", "template.py", "reward_model.py", "modeling.py", "export_onnx.py"];

function cacheKey(): string {
  const hash = createHash("sha256");
  for (const name of SOURCES) {
    const file = path.join(root, "trainer/medrank_trainer", name);
    hash.update(name).update(existsSync(file) ? readFileSync(file) : "missing");
  }
  return hash.digest("hex").slice(0, 16);
}

/** Whether `dir` holds a complete export whose files match its manifest. */
async function intact(dir: string): Promise<boolean> {
  try {
    await verifyFolder(dir, await readManifest(dir));
    return true;
  } catch {
    return false;
  }
}

function build(target: string): void {
  if (!existsSync(python)) throw new Error(`${python} is missing: run bash scripts/setup-python.sh first`);
  const work = mkdtempSync(path.join(tmpdir(), "medrank-tiny-rm-build-"));
  const run = (...args: string[]) =>
    execFileSync(python, ["-m", "medrank_trainer.cli", ...args], { cwd: root, stdio: "pipe", env: { ...process.env, OMP_NUM_THREADS: "1" } });
  try {
    run("tiny-model", path.join(work, "base"), "--demo-rankings", path.join(work, "rankings.jsonl"), "--demo-count", "24");
    run("rm", "--model", path.join(work, "base"), "--data", path.join(work, "rankings.jsonl"), "--out", path.join(work, "run"),
      "--max-steps", "2", "--max-length", "96", "--eval-every", "2", "--save-every", "2", "--cpu", "--no-progress");
    run("export-onnx", path.join(work, "run"), "--out", path.join(work, "onnx"), "--int8");
    try {
      renameSync(path.join(work, "onnx"), target); // atomic: a concurrent builder's copy wins, ours is dropped
    } catch (err) {
      if (!existsSync(path.join(target, "manifest.json"))) throw err;
    }
  } catch (err) {
    const e = err as { stderr?: Buffer; message: string };
    throw new Error(`building the tiny reward model failed: ${e.stderr?.toString().trim() || e.message}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

let cached: string | undefined;

/** The folder of an exported tiny RM (manifest.json, model.onnx, model.int8.onnx, tokenizer.json). */
export async function tinyRewardModel(): Promise<string> {
  if (cached) return cached;
  const target = path.join(tmpdir(), `medrank-tiny-rm-${cacheKey()}`);
  if (!(await intact(target))) {
    rmSync(target, { recursive: true, force: true }); // a damaged or half-written copy is rebuilt
    build(target);
    if (!(await intact(target))) throw new Error(`the tiny reward model exported to ${target} does not match its manifest`);
  }
  cached = target;
  return target;
}

/** The tiny RM registered as a READY RewardModel row (a new row per call). */
export async function registerTinyRewardModel(opts: { projectId?: string; snapshotId?: string; name?: string } = {}) {
  const { db } = await import("../db");
  const dir = await tinyRewardModel();
  // registerFolder refuses a folder registered twice; tests want one row each, so each gets a link of its own.
  const own = path.join(mkdtempSync(path.join(tmpdir(), "medrank-tiny-rm-row-")), "model");
  symlinkSync(dir, own);
  const row = await registerFolder({ dir: own, name: opts.name ?? `tiny RM ${path.basename(path.dirname(own)).slice(-6)}`, projectId: opts.projectId, createdById: null });
  if (opts.snapshotId) {
    const snapshot = await db.snapshot.findUniqueOrThrow({ where: { id: opts.snapshotId }, select: { contentHash: true, projectId: true } });
    return db.rewardModel.update({ where: { id: row.id }, data: { snapshotId: opts.snapshotId, snapshotHash: snapshot.contentHash, projectId: opts.projectId ?? snapshot.projectId } });
  }
  return row;
}
