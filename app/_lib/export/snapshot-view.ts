import type { SnapshotCounts } from "./snapshot-lines";

/** A snapshot as the API and pages show it (the file contents are downloaded separately). */
export type SnapshotView = {
  id: string;
  projectId: string;
  version: number;
  contentHash: string;
  counts: SnapshotCounts;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  files: { name: SnapshotFileName; url: string }[];
};

export const SNAPSHOT_FILES = ["rankings.jsonl", "pairs.jsonl", "raw.jsonl"] as const;
export type SnapshotFileName = (typeof SNAPSHOT_FILES)[number];

/** Columns of the Snapshot row read for a view (never the file contents). */
export const snapshotViewSelect = {
  id: true,
  projectId: true,
  version: true,
  contentHash: true,
  counts: true,
  createdAt: true,
  createdById: true,
} as const;

type Row = { id: string; projectId: string; version: number; contentHash: string; counts: unknown; createdAt: Date; createdById: string | null };

export function toSnapshotView(row: Row, users: Map<string, { id: string; name: string }>): SnapshotView {
  return {
    id: row.id,
    projectId: row.projectId,
    version: row.version,
    contentHash: row.contentHash,
    counts: row.counts as SnapshotCounts,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdById ? (users.get(row.createdById) ?? null) : null,
    files: SNAPSHOT_FILES.map((name) => ({ name, url: `/api/snapshots/${row.id}/${name}` })),
  };
}
