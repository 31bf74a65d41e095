import type { FileContainer, ImportFormatName } from "./types";

/** What the first record of a file looks like (read by file-signature.ts). */
export type FileSignature = { container: FileContainer; recordKeys: string[] };

/** Which layouts each format may come in (docs/formats.md). */
export const CONTAINERS: Record<ImportFormatName, FileContainer[]> = {
  CMTMEDQA: ["array", "lines"],
  ZHONGJING: ["object-map"],
  CANDIDATES_JSONL: ["lines", "array"],
};

const CONTAINER_NAMES: Record<FileContainer, string> = {
  array: "a JSON array of records",
  "object-map": "a JSON object of records keyed by id",
  lines: "JSON Lines (one record per line)",
};

export function describeContainer(container: FileContainer): string {
  return CONTAINER_NAMES[container];
}

/**
 * Format detection by content: the keys of the first record decide. Returns null when they match
 * no format (the caller then asks for an explicit format).
 */
export function detectFormat(sig: FileSignature): ImportFormatName | null {
  const keys = new Set(sig.recordKeys);
  const has = (...names: string[]) => names.some((n) => keys.has(n));
  let format: ImportFormatName | null = null;
  if (has("candidates", "item_id")) format = "CANDIDATES_JSONL";
  else if ((sig.container === "object-map" && has("query")) || has("response_0")) format = "ZHONGJING";
  else if (has("history", "instruction", "instruct")) format = "CMTMEDQA";
  return format && CONTAINERS[format].includes(sig.container) ? format : null;
}

/** Checks an explicitly chosen format against the file's layout; returns the problem or null. */
export function checkContainer(format: ImportFormatName, container: FileContainer): string | null {
  if (CONTAINERS[format].includes(container)) return null;
  const expected = CONTAINERS[format].map(describeContainer).join(" or ");
  return `${format} files are ${expected}, but this file is ${describeContainer(container)}`;
}
