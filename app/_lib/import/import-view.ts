import type { ImportCounts } from "./plan-batch";
import type { CandidateBuilder, ImportFormatName } from "./types";

/** An import as the API and the pages show it. */
export type ImportView = {
  id: string;
  projectId: string;
  fileName: string;
  format: ImportFormatName;
  contentHash: string;
  options: { candidates: CandidateBuilder; seed: string; requestedFormat: ImportFormatName | "auto" };
  counts: ImportCounts;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
};

type BatchRow = {
  id: string;
  projectId: string;
  fileName: string;
  format: ImportFormatName;
  contentHash: string;
  options: unknown;
  counts: unknown;
  createdAt: Date;
  createdById: string | null;
};

export function toImportView(row: BatchRow, users: Map<string, { id: string; name: string }>): ImportView {
  return {
    id: row.id,
    projectId: row.projectId,
    fileName: row.fileName,
    format: row.format,
    contentHash: row.contentHash,
    options: row.options as ImportView["options"],
    counts: row.counts as ImportCounts,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdById ? (users.get(row.createdById) ?? null) : null,
  };
}
