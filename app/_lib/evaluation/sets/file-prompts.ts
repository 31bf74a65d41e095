// Evaluation prompts from a file in one of the import formats (docs/formats.md): the same
// streaming reader and record parsers as a project import, then one prompt per record.
//   single-turn set: a dialogue's first patient message alone;
//   multi-turn set:  a dialogue's last turn with the whole history before it (dialogues of one
//                    turn cannot be multi-turn prompts and are counted as skipped).
// All or nothing: any record with a problem refuses the whole file, naming the record.
import "server-only";
import { AppError } from "@/app/_lib/errors";
import { checkContainer, detectFormat } from "@/app/_lib/import/detect-format";
import { FileShapeError, readSignature } from "@/app/_lib/import/file-signature";
import { parseRecord } from "@/app/_lib/import/parse-record";
import { FileSyntaxError, readRecords } from "@/app/_lib/import/record-source";
import type { ImportFormatName, ImportRecord, RecordIssue } from "@/app/_lib/import/types";
import { promptFromRecord } from "./record-prompt";
import type { EvalPromptInput } from "./prompt-hash";

/** A set holds at most this many prompts (experts judge every one of them). */
export const MAX_EVAL_PROMPTS = 5000;
const MAX_ISSUES = 20;

export type FilePrompts = { prompts: EvalPromptInput[]; skipped: number; format: ImportFormatName };

export async function readFilePrompts(opts: {
  path: string;
  fileName: string;
  format: ImportFormatName | "auto";
  multiTurn: boolean;
  /** keep only safety probes (the shipped CMtMedQA sample) */
  only?: "safety";
}): Promise<FilePrompts> {
  let signature;
  try {
    signature = await readSignature(opts.path);
  } catch (err) {
    if (err instanceof FileShapeError) throw new AppError("VALIDATION", `${opts.fileName}: ${err.message}`);
    throw err;
  }
  const format = opts.format === "auto" ? detectFormat(signature) : opts.format;
  if (!format) throw new AppError("VALIDATION", `${opts.fileName}: the format could not be recognised from its first record; choose it explicitly`);
  const shape = checkContainer(format, signature.container);
  if (shape) throw new AppError("VALIDATION", `${opts.fileName}: ${shape}`);

  const prompts: EvalPromptInput[] = [];
  const issues: RecordIssue[] = [];
  const seen = new Map<string, number>();
  let skipped = 0;
  try {
    for await (const raw of readRecords(opts.path, signature.container)) {
      const parsed = parseRecord(raw, format, opts.fileName);
      if (!parsed.ok) {
        issues.push(...parsed.issues);
        if (issues.length >= MAX_ISSUES) break;
        continue;
      }
      const record: ImportRecord = parsed.record;
      if (opts.only === "safety" && !(record.type === "dialogue" && record.kind === "safety")) continue;
      const made = promptFromRecord(record, opts.multiTurn);
      if (!made.ok) {
        if (made.reason === "skip") skipped++;
        else issues.push({ index: raw.index, line: raw.line, id: null, field: "item_id", message: made.message });
        continue;
      }
      // a content-derived id repeated in the same file is numbered, as a project import does
      const n = (seen.get(made.prompt.externalId) ?? 0) + 1;
      seen.set(made.prompt.externalId, n);
      if (n > 1) made.prompt.externalId = `${made.prompt.externalId}-${n}`;
      prompts.push(made.prompt);
      if (prompts.length > MAX_EVAL_PROMPTS) {
        throw new AppError("VALIDATION", `${opts.fileName}: more than ${MAX_EVAL_PROMPTS} prompts; an evaluation set holds at most ${MAX_EVAL_PROMPTS}`);
      }
    }
  } catch (err) {
    if (err instanceof FileSyntaxError) throw new AppError("VALIDATION", `${opts.fileName}: ${err.message}`);
    throw err;
  }
  if (issues.length) {
    const first = issues[0];
    const where = first.line !== undefined ? `line ${first.line}` : `record ${first.index}`;
    throw new AppError("VALIDATION", `${opts.fileName}: ${where}${first.field ? `: ${first.field}` : ""}: ${first.message} (nothing was created)`, { records: issues });
  }
  if (prompts.length === 0) {
    throw new AppError("VALIDATION", `${opts.fileName}: no ${opts.multiTurn ? "multi-turn" : "single-turn"} prompts in this file${skipped ? ` (${skipped} records skipped)` : ""}`);
  }
  return { prompts, skipped, format };
}
