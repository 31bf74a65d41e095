// Mutation check of the test suite: applies each deliberate bug of mutations.ts, one at a time,
// in a scratch copy of the working tree, runs the tests nearest to it, and counts how many bugs
// the tests catch. The working tree itself is never modified.
//
//   npx tsx scripts/mutation/run.ts                 every mutation
//   npx tsx scripts/mutation/run.ts <id> [<id> …]   only these
//
// Environment: MEDRANK_TEST_PG_PORT — port of the db tests' embedded PostgreSQL (default 54330;
// pick a free one when other test runs share the machine); MUTATION_TIMEOUT_S — limit per test
// command (default 600); MUTATION_KEEP=1 keeps the scratch copy and its logs.
//
// The scratch copy holds the tracked and untracked (not ignored) files; node_modules, .venv and
// the generated Prisma client are links to the originals. Each distinct test command first runs
// on the unmutated copy: a command that already fails there cannot catch anything, and its
// mutations are reported apart, not counted. Exit status 1 when a mutation survived or no
// longer applies.
import { spawnSync, execFileSync } from "node:child_process";
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { MUTATIONS, type Mutation } from "./mutations";

const ROOT = path.resolve(import.meta.dirname, "../..");
const LINKED = ["node_modules", ".venv", "app/_generated"];
const TIMEOUT_S = Number(process.env.MUTATION_TIMEOUT_S ?? 600);

type Outcome = "caught" | "survived" | "does not apply" | "baseline fails";

function scratchCopy(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "medrank-mutation-"));
  const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  let copied = 0;
  for (const file of listed.split("\0")) {
    if (!file || LINKED.some((l) => file === l || file.startsWith(`${l}/`))) continue;
    const from = path.join(ROOT, file);
    if (!existsSync(from) || !lstatSync(from).isFile()) continue; // deleted in the working tree, or a link
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    copyFileSync(from, path.join(dir, file));
    copied++;
  }
  for (const link of LINKED) {
    if (!existsSync(path.join(ROOT, link))) continue;
    mkdirSync(path.dirname(path.join(dir, link)), { recursive: true });
    symlinkSync(path.join(ROOT, link), path.join(dir, link));
  }
  console.log(`scratch copy: ${copied} files in ${dir}`);
  return dir;
}

function testEnv(dir: string): NodeJS.ProcessEnv {
  // The trainer is installed in editable mode from the original tree: put the copy first.
  return { ...process.env, PYTHONPATH: path.join(dir, "trainer"), NEXT_TELEMETRY_DISABLED: "1", NO_COLOR: "1" };
}

function run(dir: string, command: string, log: string): boolean {
  const result = spawnSync("timeout", ["--kill-after=15", String(TIMEOUT_S), "bash", "-c", command], {
    cwd: dir,
    env: testEnv(dir),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  writeFileSync(log, `$ ${command}\n${result.stdout ?? ""}${result.stderr ?? ""}\nexit ${result.status}\n`);
  return result.status === 0;
}

function assertTrainerFromCopy(dir: string) {
  const where = execFileSync(".venv/bin/python", ["-c", "import medrank_trainer; print(medrank_trainer.__file__)"], { cwd: dir, env: testEnv(dir), encoding: "utf8" }).trim();
  if (!where.startsWith(dir)) throw new Error(`the trainer tests would import ${where}, not the scratch copy`);
}

function main() {
  const only = process.argv.slice(2);
  const unknown = only.filter((id) => !MUTATIONS.some((m) => m.id === id));
  if (unknown.length) throw new Error(`unknown mutation id(s): ${unknown.join(", ")}`);
  const selected = only.length ? MUTATIONS.filter((m) => only.includes(m.id)) : MUTATIONS;

  const dir = scratchCopy();
  const logs = path.join(dir, ".mutation-logs");
  mkdirSync(logs);
  assertTrainerFromCopy(dir);

  const baseline = new Map<string, boolean>();
  for (const command of new Set(selected.map((m) => m.test))) {
    const ok = run(dir, command, path.join(logs, `baseline-${baseline.size}.log`));
    baseline.set(command, ok);
    console.log(`${ok ? "baseline ok  " : "BASELINE FAILS"} ${command}`);
  }

  const results: { mutation: Mutation; outcome: Outcome; seconds: number }[] = [];
  for (const mutation of selected) {
    const file = path.join(dir, mutation.file);
    const started = Date.now();
    let outcome: Outcome;
    const original = existsSync(file) ? readFileSync(file, "utf8") : "";
    const occurrences = original.split(mutation.search).length - 1;
    if (occurrences !== 1) outcome = "does not apply";
    else if (!baseline.get(mutation.test)) outcome = "baseline fails";
    else {
      writeFileSync(file, original.replace(mutation.search, () => mutation.replace));
      try {
        outcome = run(dir, mutation.test, path.join(logs, `${mutation.id}.log`)) ? "survived" : "caught";
      } finally {
        writeFileSync(file, original);
      }
    }
    const seconds = Math.round((Date.now() - started) / 1000);
    results.push({ mutation, outcome, seconds });
    const note = outcome === "does not apply" ? ` (search text found ${occurrences}× in ${mutation.file})` : "";
    console.log(`${outcome.padEnd(15)} ${mutation.id} — ${mutation.bug} [${seconds} s]${note}`);
  }

  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  const tried = count("caught") + count("survived");
  console.log(`\n${tried} bugs tried, ${count("caught")} caught, ${count("survived")} survived` +
    (count("does not apply") + count("baseline fails") ? `; not counted: ${count("does not apply")} no longer apply, ${count("baseline fails")} with failing baseline tests` : ""));
  for (const r of results.filter((r) => r.outcome === "survived")) console.log(`  survived: ${r.mutation.id} (${r.mutation.file}) — ${r.mutation.bug}`);

  if (process.env.MUTATION_KEEP === "1") console.log(`scratch copy and logs kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
  process.exitCode = count("survived") + count("does not apply") > 0 ? 1 : 0;
}

main();
