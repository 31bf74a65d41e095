// Reward-model scoring benchmark (prints figures; not a test):
//   npm run bench:rm-scoring
//   npm run bench:rm-scoring -- --answers 256 --threads 2 --batch-size 16 --hidden-size 256 --layers 4
//   npm run bench:rm-scoring -- --run runs/rm-1            (an RM run exported with export-onnx --int8)
// The same (dialogue, answer) inputs — turns of the demo data (prisma/demo/cmtmedqa-test.json) with
// their doctor's answers — are scored by the app's Node scorer (onnxruntime-node, CPU, fp32 and int8)
// and by the trainer's PyTorch scorer (trainer/bench/bench_rm_score.py), with the same intra-op
// threads and batch size, each side in a fresh process (best of --repeat runs, default 3, interleaved). Printed per side: answers per
// second, model load time, peak resident memory; and int8's pairwise-order agreement with fp32.
// Without --run it builds a tiny random RM with the trainer in .medrank/bench-rm (its size from
// --hidden-size / --layers), trains it for 2 steps on synthetic rankings and exports it.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { RewardModelEngine, type ScoreInput, type Variant } from "../app/_lib/reward-models/engine";
import { parseScoreLines } from "../app/_lib/reward-models/score-lines";

const root = path.resolve(import.meta.dirname, "..");
const python = path.join(root, ".venv/bin/python");

const { values: opt } = parseArgs({
  options: {
    run: { type: "string" },
    answers: { type: "string", default: "256" },
    threads: { type: "string", default: "2" },
    "batch-size": { type: "string", default: "16" },
    "hidden-size": { type: "string", default: "32" },
    layers: { type: "string", default: "2" },
    "max-length": { type: "string", default: "512" },
    repeat: { type: "string", default: "3" },
    // internal: one measurement of the Node side in this process
    side: { type: "string" },
    variant: { type: "string", default: "fp32" },
    model: { type: "string" },
    input: { type: "string" },
    out: { type: "string" },
  },
});
const threads = Number(opt.threads);
const batchSize = Number(opt["batch-size"]);

/** One Node measurement: load, one warm-up batch, then every answer; like the PyTorch side. */
async function measureNode(dir: string, variant: Variant, input: string, out: string) {
  const inputs = parseScoreLines(readFileSync(input, "utf8"), input);
  const started = performance.now();
  const engine = await RewardModelEngine.load(dir, { variant, threads, limits: { maxBatchRows: batchSize, maxBatchTokens: 1 << 20 } });
  const loadS = (performance.now() - started) / 1000;
  await engine.score(inputs.slice(0, batchSize)); // warm-up
  const t0 = performance.now();
  const scores = await engine.score(inputs);
  const scoreS = (performance.now() - t0) / 1000;
  writeFileSync(out, JSON.stringify(scores.map((s) => s.raw)));
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ side: `node-${variant}`, answers_per_s: inputs.length / scoreS, load_s: loadS, rss_mb: rssMb, answers: inputs.length, score_s: scoreS }));
}

/** Demo-data turns: the dialogue up to a patient message, and the doctor's answer to it. */
function demoInputs(n: number): ScoreInput[] {
  const records = JSON.parse(readFileSync(path.join(root, "prisma/demo/cmtmedqa-test.json"), "utf8")) as {
    instruction: string;
    output: string;
    history?: [string, string][];
  }[];
  const out: ScoreInput[] = [];
  for (const r of records) {
    const messages: ScoreInput["messages"] = [];
    for (const [patient, doctor] of r.history ?? []) messages.push({ role: "user", content: patient }, { role: "assistant", content: doctor });
    messages.push({ role: "user", content: r.instruction });
    out.push({ messages, answer: r.output });
    if (out.length >= n) break;
  }
  return out;
}

function trainer(...args: string[]) {
  execFileSync(python, ["-m", "medrank_trainer.cli", ...args], { cwd: root, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, OMP_NUM_THREADS: String(threads) } });
}

/** A tiny random RM (its size from the flags), trained 2 steps and exported fp32 + int8. */
function buildTinyRun(work: string): string {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const hidden = opt["hidden-size"]!;
  trainer("tiny-model", path.join(work, "base"), "--hidden-size", hidden, "--num-layers", opt.layers!, "--intermediate-size", String(Number(hidden) * 2),
    "--demo-rankings", path.join(work, "rankings.jsonl"), "--demo-count", "24");
  trainer("rm", "--model", path.join(work, "base"), "--data", path.join(work, "rankings.jsonl"), "--out", path.join(work, "run"),
    "--max-steps", "2", "--max-length", opt["max-length"]!, "--eval-every", "2", "--save-every", "2", "--cpu", "--no-progress");
  trainer("export-onnx", path.join(work, "run"), "--int8");
  return path.join(work, "run");
}

function child(cmd: string, args: string[]): Record<string, number | string> {
  const out = execFileSync(cmd, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, OMP_NUM_THREADS: String(threads) }, maxBuffer: 64 << 20 });
  return JSON.parse(out.toString().trim().split("\n").at(-1)!);
}

function orderAgreement(a: number[], b: number[]): number {
  let same = 0;
  let pairs = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) {
      pairs++;
      if (Math.sign(a[i] - a[j]) * Math.sign(b[i] - b[j]) > 0) same++;
    }
  }
  return same / pairs;
}

async function main() {
  if (opt.side === "node") return measureNode(opt.model!, opt.variant === "int8" ? "int8" : "fp32", opt.input!, opt.out!);
  if (!existsSync(python)) throw new Error(`${python} is missing: run bash scripts/setup-python.sh first`);
  const work = path.join(root, ".medrank/bench-rm");
  mkdirSync(work, { recursive: true });
  const run = opt.run ? path.resolve(opt.run) : (console.log(`building a tiny RM (hidden ${opt["hidden-size"]}, ${opt.layers} layers) in ${path.relative(root, work)}…`), buildTinyRun(work));
  const modelDir = path.join(run, "onnx");
  if (!existsSync(path.join(modelDir, "manifest.json"))) throw new Error(`${modelDir}/manifest.json is missing: run medrank-trainer export-onnx ${run} --int8`);
  const input = path.join(work, "inputs.jsonl");
  const inputs = demoInputs(Number(opt.answers));
  writeFileSync(input, inputs.map((i) => JSON.stringify(i)).join("\n") + "\n");

  // Each side runs `repeat` times, the sides interleaved, and its fastest run is kept: on a shared
  // machine the other load only ever slows a run down.
  const best = new Map<string, Record<string, number | string>>();
  const scores: Record<string, number[]> = {};
  const keep = (r: Record<string, number | string>) => {
    const prev = best.get(String(r.side));
    if (!prev || Number(r.answers_per_s) > Number(prev.answers_per_s)) best.set(String(r.side), r);
  };
  for (let round = 0; round < Number(opt.repeat); round++) {
    for (const variant of ["fp32", "int8"] as const) {
      const out = path.join(work, `scores-${variant}.json`);
      keep(child(process.execPath, ["--import", "tsx", path.join(root, "bench/rm-scoring.ts"), "--side", "node", "--variant", variant, "--model", modelDir, "--input", input, "--out", out, "--threads", String(threads), "--batch-size", String(batchSize)]));
      scores[variant] = JSON.parse(readFileSync(out, "utf8"));
    }
    keep(child(python, [path.join(root, "trainer/bench/bench_rm_score.py"), "--run", run, "--input", input, "--threads", String(threads), "--batch-size", String(batchSize), "--raw"]));
  }
  const results = ["node-fp32", "node-int8", "pytorch"].map((side) => best.get(side)!);

  const manifest = JSON.parse(readFileSync(path.join(modelDir, "manifest.json"), "utf8"));
  const torch = results.find((r) => r.side === "pytorch")!;
  console.log(`\n${inputs.length} answers (demo-data turns), ${threads} threads, batch ${batchSize}, best of ${opt.repeat} runs per side, max_length ${manifest.chat_format.max_length}, model ${manifest.source.base_model ?? "?"}`);
  console.log("side            answers/s   × PyTorch   load s   peak RSS MB");
  for (const r of results) {
    const ratio = Number(r.answers_per_s) / Number(torch.answers_per_s);
    console.log(`${String(r.side).padEnd(14)}  ${Number(r.answers_per_s).toFixed(1).padStart(9)}   ${ratio.toFixed(2).padStart(9)}   ${Number(r.load_s).toFixed(2).padStart(6)}   ${Number(r.rss_mb).toFixed(0).padStart(11)}`);
  }
  const meanFp32 = scores.fp32.reduce((a, b) => a + b, 0) / scores.fp32.length;
  console.log(`int8 vs fp32 pairwise order agreement: ${orderAgreement(scores.fp32, scores.int8).toFixed(4)}`);
  console.log(`mean raw score: Node fp32 ${meanFp32.toFixed(6)}, PyTorch ${Number(torch.mean_score).toFixed(6)}`);
}

main().catch((err: Error) => {
  console.error(`bench:rm-scoring: ${err.message}`);
  process.exitCode = 1;
});
