// An RM run's exported model, uploaded by the agent that holds the run (docs/api.md):
//   POST  …/reward-model              announce manifest + files (repeat = resume; a changed file restarts)
//   PUT   …/reward-model/files/{name}?offset=N   append bytes at N == received (else 409 {received})
// Bytes stream to <data dir>/reward-models/<id>/<name>, at most 64 MiB per request and the announced
// size per file; a completed file is hashed: a mismatch resets it (422), and when every file is
// verified the model is READY. Only the agent running the run (RUNNING, its agentId) may upload.
import "server-only";
import { createWriteStream } from "node:fs";
import { mkdir, rm, truncate, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { z } from "zod";
import type { Prisma } from "@/app/_generated/prisma/client";
import { db } from "@/app/_lib/db";
import { getEnv } from "@/app/_lib/env";
import { AppError } from "@/app/_lib/errors";
import type { AuthedAgent } from "@/app/_lib/runs/agent-auth";
import { fileInFolder, rewardModelStorage, sha256File, totalBytes } from "./files";
import { manifestFileSchema, ManifestError, modelFileName, parseManifest, variantsOf } from "./manifest";

const MiB = 1024 * 1024;
/** Bytes one PUT may carry. */
export const MAX_CHUNK_BYTES = 64 * MiB;
/** Default total size of one model's files (MEDRANK_RM_MAX_BYTES overrides). */
export const DEFAULT_MAX_MODEL_BYTES = 2 * 1024 * MiB;

export const announceSchema = z.object({
  manifest: z.record(z.string(), z.unknown()),
  files: z.array(manifestFileSchema).min(1).max(100),
});

export const fileNameSchema = modelFileName;
export const offsetSchema = z.object({ offset: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });

const fileView = (f: { name: string; bytes: bigint; sha256: string; received: bigint }) => ({
  name: f.name,
  bytes: Number(f.bytes),
  sha256: f.sha256,
  received: Number(f.received),
});

/** The run, if this agent is running it and it is an RM run; otherwise a 409 saying why. */
async function heldRun(agent: AuthedAgent, runId: string) {
  const run = await db.run.findUnique({ where: { id: runId }, select: { id: true, name: true, kind: true, status: true, agentId: true, projectId: true, snapshotId: true, createdById: true } });
  if (!run) throw new AppError("NOT_FOUND", `run ${runId} not found`);
  if (run.status !== "RUNNING" || run.agentId !== agent.id) throw new AppError("CONFLICT", `run ${runId} is not running on this agent`);
  if (run.kind !== "RM") throw new AppError("CONFLICT", `run ${runId} is a ${run.kind} run: only an RM run uploads a reward model`);
  return run;
}

export async function announceUpload(opts: { agent: AuthedAgent; runId: string; input: z.infer<typeof announceSchema> }) {
  const run = await heldRun(opts.agent, opts.runId);
  let manifest;
  try {
    manifest = parseManifest(opts.input.manifest, "manifest");
  } catch (err) {
    if (err instanceof ManifestError) throw new AppError("VALIDATION", err.message);
    throw err;
  }
  const files = opts.input.files;
  const key = (f: { name: string; bytes: number; sha256: string }) => `${f.name}\u0000${f.bytes}\u0000${f.sha256}`;
  const announced = new Set(files.map(key));
  if (announced.size !== files.length || manifest.files.length !== files.length || !manifest.files.every((f) => announced.has(key(f)))) {
    throw new AppError("VALIDATION", "files must list exactly the manifest's files (name, bytes, sha256), each once");
  }
  const max = getEnv().MEDRANK_RM_MAX_BYTES;
  const bytes = totalBytes(files);
  if (bytes > max) throw new AppError("PAYLOAD_TOO_LARGE", `the model's files hold ${bytes} bytes, more than the ${max} allowed (MEDRANK_RM_MAX_BYTES)`, { limitBytes: max });

  const snapshot = run.snapshotId ? await db.snapshot.findUnique({ where: { id: run.snapshotId }, select: { contentHash: true } }) : null;
  const data = {
    manifest: manifest as unknown as Prisma.InputJsonValue,
    bytes: BigInt(bytes),
    formats: variantsOf(manifest),
    heldOut: (manifest.held_out ?? {}) as Prisma.InputJsonValue,
  };
  const model = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Run" WHERE id = ${run.id} FOR UPDATE`;
    const existing = await tx.rewardModel.findUnique({ where: { runId: run.id }, include: { files: true } });
    if (!existing) {
      const created = await tx.rewardModel.create({
        data: {
          ...data,
          name: run.name,
          status: "UPLOADING",
          source: "upload",
          dir: "",
          runId: run.id,
          projectId: run.projectId,
          snapshotId: run.snapshotId,
          snapshotHash: manifest.source.snapshot_hash ?? snapshot?.contentHash ?? null,
          createdById: run.createdById,
          files: { create: files.map((f) => ({ name: f.name, bytes: BigInt(f.bytes), sha256: f.sha256 })) },
        },
      });
      const dir = path.join(rewardModelStorage(getEnv().MEDRANK_DATA_DIR), created.id);
      return tx.rewardModel.update({ where: { id: created.id }, data: { dir }, include: { files: true } });
    }
    // Resume: a file announced again with the same size and hash keeps its progress; a changed one restarts.
    const keep = new Set(existing.files.filter((f) => announced.has(key({ name: f.name, bytes: Number(f.bytes), sha256: f.sha256 }))).map((f) => f.name));
    const dropped = existing.files.filter((f) => !keep.has(f.name));
    await tx.rewardModelFile.deleteMany({ where: { rewardModelId: existing.id, name: { in: dropped.map((f) => f.name) } } });
    await tx.rewardModelFile.createMany({
      data: files.filter((f) => !keep.has(f.name)).map((f) => ({ rewardModelId: existing.id, name: f.name, bytes: BigInt(f.bytes), sha256: f.sha256 })),
    });
    const complete = files.every((f) => keep.has(f.name) && existing.files.find((e) => e.name === f.name)!.received === BigInt(f.bytes));
    const updated = await tx.rewardModel.update({
      where: { id: existing.id },
      data: { ...data, status: complete ? "READY" : "UPLOADING", error: null, readyAt: complete ? (existing.readyAt ?? new Date()) : null },
      include: { files: true },
    });
    for (const f of dropped) await rm(fileInFolder(existing.dir, f.name), { force: true });
    return updated;
  });
  // The folder is what the scoring engine loads: the manifest goes beside the files it lists.
  await mkdir(model.dir, { recursive: true, mode: 0o700 });
  await writeFile(path.join(model.dir, "manifest.json"), JSON.stringify(opts.input.manifest, null, 2), { mode: 0o600 });
  return { id: model.id, status: model.status, files: files.map((f) => fileView(model.files.find((m) => m.name === f.name)!)) };
}

// One writer per file at a time (retries may overlap an upload still in flight).
const busy = new Set<string>();

export async function receiveChunk(opts: { agent: AuthedAgent; runId: string; name: string; offset: number; body: ReadableStream<Uint8Array> | null; contentLength: string | null }) {
  const run = await heldRun(opts.agent, opts.runId);
  const model = await db.rewardModel.findUnique({ where: { runId: run.id }, select: { id: true, dir: true } });
  if (!model) throw new AppError("NOT_FOUND", `run ${run.id} has announced no reward model: POST …/reward-model first`);
  const lock = `${model.id}\u0000${opts.name}`;
  if (busy.has(lock)) throw new AppError("CONFLICT", `${opts.name} is being written by another request`);
  busy.add(lock);
  try {
    return await writeChunk({ ...opts, modelId: model.id, dir: model.dir });
  } finally {
    busy.delete(lock);
  }
}

async function writeChunk(opts: { modelId: string; dir: string; name: string; offset: number; body: ReadableStream<Uint8Array> | null; contentLength: string | null }) {
  const { modelId, name, offset } = opts;
  const file = await db.rewardModelFile.findUnique({ where: { rewardModelId_name: { rewardModelId: modelId, name } } });
  if (!file) throw new AppError("NOT_FOUND", `${name} is not a file of this reward model`);
  const received = Number(file.received);
  const size = Number(file.bytes);
  if (offset !== received) throw new AppError("CONFLICT", `${name}: offset ${offset} is not where the upload stands (${received} bytes received)`, { received });
  const room = Math.min(MAX_CHUNK_BYTES, size - received);
  const declared = opts.contentLength;
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > room) {
    throw new AppError("PAYLOAD_TOO_LARGE", tooMuch(name, room, size, received), { limitBytes: room, received });
  }
  const target = fileInFolder(opts.dir, name);
  await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  // Bytes past `received` are what an interrupted request left: they are written again.
  try {
    await truncate(target, received);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    if (received !== 0) {
      // The bytes received so far are gone from disk (removed by hand): the file starts again.
      await db.rewardModelFile.update({ where: { rewardModelId_name: { rewardModelId: modelId, name } }, data: { received: BigInt(0) } });
      throw new AppError("CONFLICT", `${name}: the bytes received so far are missing on the server; upload it again from offset 0`, { received: 0 });
    }
  }
  let written = 0;
  if (opts.body) {
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        written += chunk.length;
        if (written > room) return cb(new AppError("PAYLOAD_TOO_LARGE", tooMuch(name, room, size, received), { limitBytes: room, received }));
        cb(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(opts.body as WebReadableStream<Uint8Array>), meter, createWriteStream(target, { flags: "a", mode: 0o600 }));
    } catch (err) {
      await truncate(target, received).catch(() => undefined);
      if (err instanceof AppError) throw err;
      throw new AppError("BAD_REQUEST", `${name}: the request ended before its bytes arrived; resend from offset ${received}`, { received });
    }
  }
  const now = received + written;
  if (now < size) {
    await db.rewardModelFile.update({ where: { rewardModelId_name: { rewardModelId: modelId, name } }, data: { received: BigInt(now) } });
    return { received: now, status: "UPLOADING" as const };
  }
  const digest = await sha256File(target);
  if (digest !== file.sha256) {
    await truncate(target, 0);
    await db.rewardModelFile.update({ where: { rewardModelId_name: { rewardModelId: modelId, name } }, data: { received: BigInt(0) } });
    throw new AppError("VALIDATION", `${name}: sha256 ${digest.slice(0, 12)}… does not match the announced ${file.sha256.slice(0, 12)}…; the file was reset, upload it again from offset 0`, { received: 0, file: name });
  }
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "RewardModel" WHERE id = ${modelId} FOR UPDATE`; // the last two files may finish together
    await tx.rewardModelFile.update({ where: { rewardModelId_name: { rewardModelId: modelId, name } }, data: { received: BigInt(now) } });
    const files = await tx.rewardModelFile.findMany({ where: { rewardModelId: modelId }, select: { bytes: true, received: true } });
    const complete = files.every((f) => f.received === f.bytes);
    if (complete) await tx.rewardModel.update({ where: { id: modelId }, data: { status: "READY", readyAt: new Date(), error: null } });
    return { received: now, status: complete ? ("READY" as const) : ("UPLOADING" as const) };
  });
}

function tooMuch(name: string, room: number, size: number, received: number): string {
  return room < MAX_CHUNK_BYTES
    ? `${name}: more bytes than announced (${size} bytes, ${received} received, ${room} left)`
    : `${name}: at most ${MAX_CHUNK_BYTES / MiB} MiB per request`;
}
