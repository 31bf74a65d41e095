// Import benchmark (prints figures; not a test):
//   npm run bench:import                   the shipped sample + a generated 70,000-dialogue file
//   npm run bench:import -- --dialogues 5000
// Runs against its own embedded PostgreSQL (port MEDRANK_BENCH_PG_PORT, default 54339; data in
// .medrank/bench, wiped each run) or the server in DATABASE_URL. Reports wall time, records/s and
// the process's peak RSS (process.resourceUsage().maxRSS). The npm script caps the JS heap at
// 512 MB: the 70,000-dialogue import completing under that cap shows that memory stays bounded
// (records stream from disk, are written in batches, and nothing per record is kept). Without a
// cap V8 collects lazily and the peak RSS mostly measures its laziness, not what is kept.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { streamArray } from "stream-json/streamers/stream-array.js";
import { benchDatabase } from "./bench-database";

const root = path.resolve(import.meta.dirname, "..");
const sample = path.join(root, "prisma/demo/cmtmedqa-test.json");
const args = process.argv.slice(2);
const dialoguesArg = args.indexOf("--dialogues");
const bigCount = dialoguesArg >= 0 ? Number(args[dialoguesArg + 1]) : 70_000;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024; // maxRSS is in kilobytes

/** Writes `count` multi-turn dialogues made from the sample's records with new ids, streamed. */
async function generate(file: string, count: number): Promise<void> {
  const dialogues: Record<string, unknown>[] = [];
  for await (const { value } of createReadStream(sample).pipe(streamArray.withParserAsStream())) {
    const record = value as Record<string, unknown>;
    if ("history" in record) dialogues.push(record);
  }
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  await write("[\n");
  for (let i = 0; i < count; i++) {
    const base = dialogues[i % dialogues.length];
    await write((i ? ",\n" : "") + JSON.stringify({ ...base, id: `${base.id}-g${Math.floor(i / dialogues.length)}` }));
  }
  await write("\n]\n");
  out.end();
  await once(out, "finish");
}

async function main() {
  const db = await benchDatabase("bench", 54339);
  const { db: client } = await import("../app/_lib/db");
  const { hashFile } = await import("../app/_lib/import/file-hash");
  const { importFile } = await import("../app/_lib/import/run-import");

  const tmp = mkdtempSync(path.join(tmpdir(), "medrank-bench-"));
  try {
    const run = async (label: string, file: string) => {
      const project = await client.project.create({ data: { name: `bench ${label} ${Date.now()}` } });
      const started = performance.now();
      let writeStarted = 0;
      const { sha256, bytes } = await hashFile(file);
      const result = await importFile({
        projectId: project.id,
        actorId: null,
        path: file,
        fileName: path.basename(file),
        contentHash: sha256,
        totalBytes: bytes,
        options: { format: "auto", candidates: "reference-distractors", seed: "bench" },
        onProgress: (p) => {
          if (p.phase === "write" && !writeStarted) writeStarted = performance.now();
        },
      });
      const seconds = (performance.now() - started) / 1000;
      const c = result.import.counts;
      console.log(
        `${label.padEnd(22)} ${mb(statSync(file).size).padStart(9)}  ${String(c.dialogues).padStart(6)} dialogues  ` +
          `${String(c.items).padStart(7)} items  ${String(c.candidates).padStart(8)} candidates  ` +
          `${seconds.toFixed(1).padStart(6)} s (check ${((writeStarted - started) / 1000).toFixed(1)} s)  ` +
          `${Math.round(c.records / seconds)} records/s  peak RSS ${mb(peakRss())}`,
      );
    };

    console.log(`node ${process.version}, PostgreSQL ${db.embedded ? "embedded" : "from DATABASE_URL"}; candidates: reference + distractors`);
    console.log(`peak RSS before importing: ${mb(peakRss())}`);
    await run("shipped sample (1,144)", sample);
    const big = path.join(tmp, `generated-${bigCount}.json`);
    await generate(big, bigCount);
    await run(`generated (${bigCount.toLocaleString("en")})`, big);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    await client.$disconnect();
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
