import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { snapshotViewSelect, toSnapshotView, type SnapshotFileName, type SnapshotView } from "./snapshot-view";

async function creators(ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const users = wanted.length ? await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } }) : [];
  return new Map(users.map((u) => [u.id, u]));
}

/** A project's snapshots, newest first (file contents are not read). */
export async function listSnapshots(opts: { projectId: string }): Promise<SnapshotView[]> {
  const project = await db.project.findUnique({ where: { id: opts.projectId }, select: { id: true } });
  if (!project) throw new AppError("NOT_FOUND", "Project not found");
  const rows = await db.snapshot.findMany({ where: { projectId: project.id }, orderBy: { version: "desc" }, select: snapshotViewSelect });
  const users = await creators(rows.map((r) => r.createdById));
  return rows.map((r) => toSnapshotView(r, users));
}

export async function getSnapshot(opts: { snapshotId: string }): Promise<SnapshotView> {
  const row = await db.snapshot.findUnique({ where: { id: opts.snapshotId }, select: snapshotViewSelect });
  if (!row) throw new AppError("NOT_FOUND", "Snapshot not found");
  return toSnapshotView(row, await creators([row.createdById]));
}

const COLUMN = { "rankings.jsonl": "rankings", "pairs.jsonl": "pairs", "raw.jsonl": "raw" } as const;

/** One file of a snapshot, with the names a download needs. */
export async function readSnapshotFile(opts: { snapshotId: string; file: SnapshotFileName }) {
  const column = COLUMN[opts.file];
  const row = await db.snapshot.findUnique({
    where: { id: opts.snapshotId },
    select: {
      version: true,
      contentHash: true,
      rankings: column === "rankings",
      pairs: column === "pairs",
      raw: column === "raw",
      project: { select: { name: true } },
    },
  });
  if (!row) throw new AppError("NOT_FOUND", "Snapshot not found");
  const slug = row.project.name.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").slice(0, 60) || "project";
  return {
    content: row[column] ?? "",
    fileName: `${slug}-v${row.version}-${opts.file}`,
    snapshotHash: row.contentHash,
  };
}
