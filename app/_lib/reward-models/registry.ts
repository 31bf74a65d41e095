// The reward model registry: an admin registers an exported folder on the app's host, lists the
// models, deletes one. Uploaded models (agent-upload.ts) land in the same table.
import "server-only";
import { rm } from "node:fs/promises";
import path from "node:path";
import type { Prisma } from "@/app/_generated/prisma/client";
import { db } from "@/app/_lib/db";
import { getEnv } from "@/app/_lib/env";
import { AppError } from "@/app/_lib/errors";
import { rewardModelStorage, totalBytes, verifyFolder } from "./files";
import { heldOutFigures, ManifestError, readManifest, variantsOf, type Manifest } from "./manifest";
import type { RewardModelRow } from "./view";
import { unloadInWorker } from "./worker-client";

/** What the run and snapshot named in a manifest are in this app (when they exist here). */
async function linkSource(manifest: Manifest, projectId: string | undefined) {
  const runId = manifest.source.run_id ?? undefined;
  const run = runId
    ? await db.run.findUnique({ where: { id: runId }, select: { id: true, kind: true, projectId: true, snapshotId: true, rewardModel: { select: { id: true } } } })
    : null;
  const linkedRun = run && run.kind === "RM" && !run.rewardModel ? run : null;
  const snapshotId = manifest.source.snapshot_id ?? linkedRun?.snapshotId ?? undefined;
  const snapshot = snapshotId ? await db.snapshot.findUnique({ where: { id: snapshotId }, select: { id: true, projectId: true, contentHash: true } }) : null;
  if (projectId && !(await db.project.findUnique({ where: { id: projectId }, select: { id: true } }))) {
    throw new AppError("NOT_FOUND", `project ${projectId} not found`);
  }
  return {
    runId: linkedRun?.id ?? null,
    projectId: projectId ?? linkedRun?.projectId ?? snapshot?.projectId ?? null,
    snapshotId: snapshot?.id ?? manifest.source.snapshot_id ?? null,
    snapshotHash: manifest.source.snapshot_hash ?? snapshot?.contentHash ?? null,
  };
}

export async function registerFolder(opts: { dir: string; name?: string; projectId?: string; createdById: string | null }) {
  if (!path.isAbsolute(opts.dir)) throw new AppError("VALIDATION", `dir must be an absolute path on the app's host (got ${opts.dir})`);
  const dir = path.resolve(opts.dir);
  let manifest: Manifest;
  try {
    manifest = await readManifest(dir);
    await verifyFolder(dir, manifest);
  } catch (err) {
    if (err instanceof ManifestError || err instanceof Error) throw new AppError("VALIDATION", `${dir}: ${err.message}`);
    throw err;
  }
  const existing = await db.rewardModel.findFirst({ where: { dir, status: "READY" }, select: { id: true, name: true } });
  if (existing) throw new AppError("CONFLICT", `${dir} is already registered as ${existing.name}`, { id: existing.id });
  const link = await linkSource(manifest, opts.projectId);
  return db.rewardModel.create({
    data: {
      name: opts.name?.trim() || manifest.source.run_dir || path.basename(dir),
      status: "READY",
      source: "register",
      dir,
      manifest: manifest as unknown as Prisma.InputJsonValue,
      bytes: BigInt(totalBytes(manifest.files)),
      formats: variantsOf(manifest),
      heldOut: (manifest.held_out ?? {}) as Prisma.InputJsonValue,
      readyAt: new Date(),
      createdById: opts.createdById,
      ...link,
      files: { create: manifest.files.map((f) => ({ name: f.name, bytes: BigInt(f.bytes), sha256: f.sha256, received: BigInt(f.bytes) })) },
    },
  });
}

export type { RewardModelRow };

export async function listRewardModels(): Promise<RewardModelRow[]> {
  const rows = await db.rewardModel.findMany({
    orderBy: { createdAt: "desc" },
    include: { run: { select: { id: true, name: true, summary: true, status: true } }, files: { select: { received: true } } },
  });
  const projectIds = [...new Set(rows.map((r) => r.projectId).filter((p): p is string => Boolean(p)))];
  const snapshotIds = [...new Set(rows.map((r) => r.snapshotId).filter((s): s is string => Boolean(s)))];
  const [projects, snapshots] = await Promise.all([
    db.project.findMany({ where: { id: { in: projectIds } }, select: { id: true, name: true } }),
    db.snapshot.findMany({ where: { id: { in: snapshotIds } }, select: { id: true, version: true } }),
  ]);
  return rows.map((r) => {
    // The manifest's held-out figures; the run's summary fills what the export did not carry.
    const fromManifest = heldOutFigures(r.heldOut);
    const fromRun = heldOutFigures((r.run?.summary as { best_eval?: unknown } | null)?.best_eval);
    const manifest = r.manifest as { source?: { base_model?: string } } | null;
    const project = projects.find((p) => p.id === r.projectId);
    // An upload whose run ended (or went back to the queue) will not finish: the agent starts again on a new attempt.
    const stalled = r.status === "UPLOADING" && r.source === "upload" && r.run?.status !== "RUNNING";
    return {
      id: r.id,
      name: r.name,
      status: stalled ? "FAILED" : r.status,
      source: r.source,
      run: r.run ? { id: r.run.id, name: r.run.name } : null,
      project: project ?? null,
      snapshot: r.snapshotId ? { id: r.snapshotId, version: snapshots.find((s) => s.id === r.snapshotId)?.version ?? null, hash: r.snapshotHash } : null,
      bytes: Number(r.bytes),
      receivedBytes: r.files.reduce((n, f) => n + Number(f.received), 0),
      formats: r.formats,
      baseModel: manifest?.source?.base_model ?? null,
      pairwiseAccuracy: fromManifest.pairwiseAccuracy ?? fromRun.pairwiseAccuracy,
      kendallTau: fromManifest.kendallTau ?? fromRun.kendallTau,
      error: r.error ?? (stalled ? "upload_stalled" : null),
      createdAt: r.createdAt.toISOString(),
      readyAt: r.readyAt?.toISOString() ?? null,
    };
  });
}

/** Deletes the row; an uploaded model's files go with it, a registered folder is left on disk. */
export async function deleteRewardModel(id: string): Promise<{ deleted: true; filesRemoved: boolean }> {
  const model = await db.rewardModel.findUnique({ where: { id }, select: { id: true, dir: true, source: true } });
  if (!model) throw new AppError("NOT_FOUND", `reward model ${id} not found`);
  await unloadInWorker(model.dir);
  await db.rewardModel.delete({ where: { id } });
  const storage = rewardModelStorage(getEnv().MEDRANK_DATA_DIR);
  const owned = model.source === "upload" && path.resolve(model.dir).startsWith(storage + path.sep);
  if (owned) await rm(model.dir, { recursive: true, force: true });
  return { deleted: true, filesRemoved: owned };
}
