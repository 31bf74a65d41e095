import { parseCandidatesRecord } from "./candidates-jsonl";
import { parseCmtmedqaRecord } from "./cmtmedqa";
import { issue } from "./record-issue";
import type { RawRecord } from "./record-source";
import type { ImportFormatName, ImportRecord, ParseResult } from "./types";
import { parseZhongjingRecord } from "./zhongjing";

/** One raw record of a file in `format` → a normalised record or the issues naming it. */
export function parseRecord(raw: RawRecord, format: ImportFormatName, fileName: string): ParseResult<ImportRecord> {
  const at = raw.line !== undefined ? { index: raw.index, line: raw.line } : { index: raw.index };
  if (raw.syntaxError) return { ok: false, issues: [issue({ ...at, id: null }, null, raw.syntaxError)] };
  switch (format) {
    case "CMTMEDQA":
      return parseCmtmedqaRecord(raw.value, at);
    case "ZHONGJING":
      return parseZhongjingRecord(raw.key ?? "", raw.value, at, fileName);
    case "CANDIDATES_JSONL":
      return parseCandidatesRecord(raw.value, at, fileName);
  }
}
