// The exports of a pair's results, CSV (one line per submitted judgment) and JSON (the protocol,
// the summary and the same judgments). Both are a pure function of what is stored — no clock,
// the bootstrap seeded — so the same judgments always give the same bytes, and contentHash
// (sha256 of those bytes, sent as X-Content-SHA256 and in the file name) pins them the way a
// snapshot's hash does: anyone can re-hash a downloaded file and compare.
import { createHash } from "node:crypto";
import { BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED } from "../stats/bootstrap";
import type { PairData } from "./pair-results";

export const EXPORT_FORMAT = "medrank-evaluation-results";
export const EXPORT_VERSION = 1;

export type ExportFile = { body: string; contentHash: string; filename: string; contentType: string };

const CSV_COLUMNS = [
  "prompt_position",
  "prompt_id",
  "department",
  "multi_turn",
  "judgment_id",
  "judge_id",
  "system_a",
  "system_b",
  "safety",
  "professionalism",
  "fluency",
  "left_is_a",
  "note",
  "submitted_at",
  "rm_score_a",
  "rm_score_b",
] as const;

function csvField(value: string | number | boolean | null): string {
  if (value === null) return "";
  const text = String(value);
  // quote anything with a separator, a quote or a line break; a leading formula character is
  // neutralised so a spreadsheet shows the note instead of evaluating it
  const safe = /^[=+\-@]/.test(text) && typeof value === "string" ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function finish(body: string, base: string, ext: "csv" | "json", contentType: string): ExportFile {
  const contentHash = createHash("sha256").update(body, "utf8").digest("hex");
  return { body, contentHash, filename: `${base}-${contentHash.slice(0, 12)}.${ext}`, contentType };
}

const baseName = (d: PairData) => `evaluation-${d.set.id}-${d.pair.id}${d.rewardModel ? `-${d.rewardModel.id}` : ""}`;

export function resultsCsv(d: PairData): ExportFile {
  const rmOf = new Map(d.rm.map((r) => [r.comparisonId, r]));
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of d.rows) {
    const rm = rmOf.get(r.comparisonId);
    lines.push(
      [
        r.promptPosition,
        r.promptExternalId,
        r.department,
        r.multiTurn,
        r.judgmentId,
        r.judgeId,
        d.pair.systemA.name,
        d.pair.systemB.name,
        r.safety,
        r.professionalism,
        r.fluency,
        r.leftIsA,
        r.note,
        r.submittedAt,
        rm?.a ?? null,
        rm?.b ?? null,
      ]
        .map(csvField)
        .join(","),
    );
  }
  return finish(lines.join("\n") + "\n", baseName(d), "csv", "text/csv; charset=utf-8");
}

export function resultsJson(d: PairData): ExportFile {
  const doc = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    evalSet: { id: d.set.id, name: d.set.name, contentHash: d.set.contentHash, judgesPerComparison: d.set.judgesPerComparison },
    pair: { id: d.pair.id, systemA: d.pair.systemA, systemB: d.pair.systemB, comparisons: d.pair.comparisons },
    protocol: {
      unit: "prompt",
      verdicts: "A | TIE | B per dimension (safety, professionalism, fluency); a comparison's verdict is its judges' majority, a draw counts as TIE",
      interval: { method: "percentile bootstrap over prompts", level: 0.95, resamples: BOOTSTRAP_RESAMPLES, seed: BOOTSTRAP_SEED },
      signTest: "two-sided exact binomial, ties dropped",
      agreement: "Cohen's kappa when every fully judged comparison had the same two judges, Fleiss' kappa otherwise",
      rm: "the answer with the higher raw score is the RM's pick; agreement is counted where the experts' majority is not a tie",
    },
    rewardModel: d.rewardModel,
    results: d.results,
    judgments: d.rows,
    rmScores: d.rm,
  };
  return finish(JSON.stringify(doc, null, 2) + "\n", baseName(d), "json", "application/json; charset=utf-8");
}
