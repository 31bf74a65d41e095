// Scores (dialogue, answer) lines with an exported reward model folder, the way the app does
// (tokeniser + chat format + ONNX Runtime in the scoring worker thread):
//   node --import tsx scripts/reward-models/score-file.ts --model DIR --input in.jsonl [--variant fp32|int8]
// Input lines {"messages": [...], "answer": "..."}; prints {"raw": x, "normalized": y} per line on
// stdout. Bad input: a message naming the line on stderr, exit status 1.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseScoreLines } from "../../app/_lib/reward-models/score-lines";
import { scoreInWorker, stopWorker } from "../../app/_lib/reward-models/worker-client";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { model: { type: "string" }, input: { type: "string" }, variant: { type: "string", default: "fp32" } },
  });
  if (!values.model || !values.input) throw new Error("usage: score-file.ts --model DIR --input FILE.jsonl [--variant fp32|int8]");
  if (values.variant !== "fp32" && values.variant !== "int8") throw new Error(`--variant must be fp32 or int8 (got ${values.variant})`);
  let text: string;
  try {
    text = readFileSync(values.input, "utf8");
  } catch {
    throw new Error(`${values.input}: cannot read the file`);
  }
  const inputs = parseScoreLines(text, values.input);
  const scores = await scoreInWorker(path.resolve(values.model), values.variant, inputs);
  process.stdout.write(scores.map((s) => JSON.stringify(s)).join("\n") + "\n");
  return 0;
}

main()
  .then((code) => (process.exitCode = code))
  .catch((err: Error) => {
    process.stderr.write(`score-file: ${err.message}\n`);
    process.exitCode = 1;
  })
  .finally(() => stopWorker());
