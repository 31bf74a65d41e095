// The request side of the scoring worker: one worker thread per process, started on first use and
// restarted if it dies. The worker file is TypeScript, run through tsx (a runtime dependency), and
// found on disk at run time (never bundled by Next.js): <cwd>/app/_lib/reward-models/worker.ts, or
// MEDRANK_RM_WORKER. Settings: MEDRANK_RM_THREADS (intra-op threads, default min(4, CPUs)),
// MEDRANK_RM_CACHE (models kept loaded, 1–4, default 2), MEDRANK_RM_BATCH_TOKENS (padded tokens
// per batch, default 8192).
import { availableParallelism } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { DEFAULT_BATCH_LIMITS } from "./batching";
import type { Score, ScoreInput, Variant } from "./engine";
import type { WorkerConfig, WorkerReply, WorkerRequest, WorkerStats } from "./worker";

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type Client = { worker: Worker; pending: Map<number, Pending>; nextId: number };

const intFrom = (value: string | undefined, fallback: number, min: number, max: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
};

export function workerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return {
    threads: intFrom(env.MEDRANK_RM_THREADS, Math.min(4, availableParallelism()), 1, 256),
    cacheSize: intFrom(env.MEDRANK_RM_CACHE, 2, 1, 4),
    limits: { ...DEFAULT_BATCH_LIMITS, maxBatchTokens: intFrom(env.MEDRANK_RM_BATCH_TOKENS, DEFAULT_BATCH_LIMITS.maxBatchTokens, 256, 1 << 20) },
  };
}

export function workerScript(env: NodeJS.ProcessEnv = process.env): string {
  return env.MEDRANK_RM_WORKER ?? path.join(process.cwd(), "app", "_lib", "reward-models", "worker.ts");
}

// Kept on globalThis so that module reloads in development reuse the same worker.
const slot = globalThis as unknown as { __medrankRmWorker?: Client };

function start(): Client {
  // A tiny CommonJS bootstrap registers tsx in the worker thread, then imports the TypeScript file.
  const bootstrap = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(workerScript()).href)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: workerConfig() });
  const client: Client = { worker, pending: new Map(), nextId: 1 };
  worker.unref(); // an idle worker does not keep the process alive
  const fail = (err: Error) => {
    if (slot.__medrankRmWorker === client) slot.__medrankRmWorker = undefined;
    for (const p of client.pending.values()) p.reject(err);
    client.pending.clear();
  };
  worker.on("message", (reply: WorkerReply) => {
    const p = client.pending.get(reply.id);
    if (!p) return;
    client.pending.delete(reply.id);
    if (!client.pending.size) worker.unref();
    if (reply.ok) p.resolve(reply.value);
    else p.reject(new Error(reply.error));
  });
  worker.on("error", (err) => fail(new Error(`the reward-model worker failed: ${err.message}`)));
  worker.on("exit", (code) => fail(new Error(`the reward-model worker exited (code ${code})`)));
  return client;
}

type RequestBody = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

function call<T>(body: RequestBody): Promise<T> {
  const client = (slot.__medrankRmWorker ??= start());
  const id = client.nextId++;
  return new Promise<T>((resolve, reject) => {
    client.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    client.worker.ref(); // a pending job keeps the process alive until it answers
    client.worker.postMessage({ ...body, id });
  });
}

/** Scores in the worker thread; the model folder is loaded on first use and kept (LRU). */
export function scoreInWorker(dir: string, variant: Variant, inputs: ScoreInput[]): Promise<Score[]> {
  return call<Score[]>({ type: "score", dir, variant, inputs });
}

/** Forget a model folder (before its files are deleted). */
export function unloadInWorker(dir: string): Promise<void> {
  if (!slot.__medrankRmWorker) return Promise.resolve();
  return call<void>({ type: "unload", dir });
}

export function workerStats(): Promise<WorkerStats> {
  return call<WorkerStats>({ type: "stats" });
}

/** Stops the worker (tests, command-line tools). */
export async function stopWorker(): Promise<void> {
  const client = slot.__medrankRmWorker;
  slot.__medrankRmWorker = undefined;
  if (client) await client.worker.terminate();
}
