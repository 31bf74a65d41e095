import type { RecordIssue, RecordRef } from "./types";

/** Formats a zod-style path (["history", 2, 0]) as the field name users see ("history[2][0]"). */
export function fieldPath(path: readonly PropertyKey[]): string | null {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || null;
}

export function issue(ref: RecordRef, field: string | null, message: string): RecordIssue {
  return { ...ref, field, message };
}

/** "line 13 (id j4219), field history[2][0]: must not be empty" — the sentence an admin reads. */
export function describeIssue(i: RecordIssue): string {
  const where = i.line !== undefined ? `line ${i.line}` : `record ${i.index}`;
  const id = i.id !== null ? ` (id ${i.id})` : "";
  const field = i.field ? `, field ${i.field}` : "";
  return `${where}${id}${field}: ${i.message}`;
}

/**
 * The one-line reason a file was refused: counts bad records, not problems (one record may have
 * several), and quotes the first problem.
 */
export function rejectionMessage(fileName: string, issues: readonly RecordIssue[], stopped: boolean): string {
  const records = new Set(issues.map((i) => i.index)).size;
  const more = stopped ? " (checking stopped there)" : "";
  const problems = issues.length > records ? ` with ${issues.length} problems` : "";
  return `${fileName}: ${records} bad record${records === 1 ? "" : "s"}${problems}${more}, nothing was imported. First: ${describeIssue(issues[0])}`;
}
