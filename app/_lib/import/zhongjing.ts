import { z } from "zod";
import { unstorableReason } from "@/app/_lib/api/storable-text";
import { issue } from "./record-issue";
import { isPlainObject, parseWith, text } from "./record-schema";
import type { CandidateInput, DialogueRecord, ParseResult, RecordIssue, RecordRef } from "./types";

// The Zhongjing annotation tool's file: {"<id>": {query, history: [[u, a], …], response_0 … response_3}}.

const recordSchema = z.object({
  query: text,
  history: z.array(z.tuple([text, text], { error: "must be a [patient, doctor] pair" }), { error: "must be a list of [patient, doctor] pairs" }).nullish(),
});

const RESPONSE_KEY = /^response_(\d+)$/;

/** response_0 … response_{n-1}, in order; gaps and empty answers are errors. */
function responses(value: Record<string, unknown>, ref: RecordRef, source: string): { candidates: CandidateInput[]; issues: RecordIssue[] } {
  const numbers = Object.keys(value)
    .map((key) => RESPONSE_KEY.exec(key))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
  const issues: RecordIssue[] = [];
  const candidates: CandidateInput[] = [];
  numbers.forEach((n, i) => {
    if (n !== i) {
      issues.push(issue(ref, `response_${i}`, `is missing (found response_${n}; responses are numbered from 0 without gaps)`));
      return;
    }
    const parsed = text.safeParse(value[`response_${n}`]);
    if (!parsed.success) issues.push(issue(ref, `response_${n}`, parsed.error.issues[0].message));
    else candidates.push({ text: parsed.data, source });
  });
  return { candidates, issues };
}

/** `key` is the record's id (the object key); `fileName` names the candidates' source ("import:<file>"). */
export function parseZhongjingRecord(key: string, value: unknown, at: Omit<RecordRef, "id">, fileName: string): ParseResult<DialogueRecord> {
  const ref: RecordRef = { ...at, id: key };
  if (!key.trim()) return { ok: false, issues: [issue(ref, null, "id (the object key) must not be empty")] };
  const keyProblem = unstorableReason(key);
  if (keyProblem) return { ok: false, issues: [issue(ref, null, `id (the object key) ${keyProblem}`)] };
  if (!isPlainObject(value)) return { ok: false, issues: [issue(ref, null, "must be a JSON object")] };
  const parsed = parseWith(recordSchema, value, ref);
  const resp = responses(value, ref, `import:${fileName}`);
  const issues = [...(parsed.ok ? [] : parsed.issues), ...resp.issues];
  if (!parsed.ok || issues.length) return { ok: false, issues };

  const history = parsed.data.history ?? [];
  const turns = [...history.map(([p, d]) => ({ patient: p, doctor: d })), { patient: parsed.data.query, doctor: null }];
  const candidates = new Map<number, CandidateInput[]>();
  if (resp.candidates.length) candidates.set(turns.length - 1, resp.candidates);
  return {
    ok: true,
    // the history is context for the query: only the last turn is ranked (its responses are in the file)
    record: { type: "dialogue", externalId: key.trim(), kind: "dialogue", department: null, subDepartment: null, turns, rankedTurns: "last", candidates },
  };
}
