// The scoring worker thread: owns the ONNX Runtime sessions and tokenizers, so that tokenising and
// inference never run on the thread that answers requests. Jobs run one at a time (bounded memory);
// loaded models are kept in a small LRU (MEDRANK_RM_CACHE, default 2) so each loads once per process.
// Started by worker-client.ts; speaks { id, type, … } messages on its parent port.
import { parentPort, workerData } from "node:worker_threads";
import { RewardModelEngine, type ScoreInput, type Variant } from "./engine";
import type { BatchLimits } from "./batching";

export type WorkerConfig = { threads: number; cacheSize: number; limits: BatchLimits };
export type WorkerRequest =
  | { id: number; type: "score"; dir: string; variant: Variant; inputs: ScoreInput[] }
  | { id: number; type: "unload"; dir: string }
  | { id: number; type: "stats" };
export type WorkerStats = { loaded: { dir: string; variant: Variant; loadMs: number }[]; rssBytes: number };
export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

const config = workerData as WorkerConfig;
const engines = new Map<string, Promise<RewardModelEngine>>(); // insertion order = least recently used first
const keyOf = (dir: string, variant: Variant) => `${variant}\u0000${dir}`;

async function engineFor(dir: string, variant: Variant): Promise<RewardModelEngine> {
  const key = keyOf(dir, variant);
  let engine = engines.get(key);
  if (engine) {
    engines.delete(key);
  } else {
    engine = RewardModelEngine.load(dir, { variant, threads: config.threads, limits: config.limits });
    engine.catch(() => engines.delete(key));
    while (engines.size >= config.cacheSize) {
      const [oldest, old] = engines.entries().next().value!;
      engines.delete(oldest);
      await old.then((e) => e.release()).catch(() => undefined);
    }
  }
  engines.set(key, engine);
  return engine;
}

async function handle(req: WorkerRequest): Promise<unknown> {
  switch (req.type) {
    case "score":
      return (await engineFor(req.dir, req.variant)).score(req.inputs);
    case "unload": {
      for (const [key, engine] of [...engines]) {
        if (key.endsWith(`\u0000${req.dir}`)) {
          engines.delete(key);
          await engine.then((e) => e.release()).catch(() => undefined);
        }
      }
      return null;
    }
    case "stats": {
      const loaded: WorkerStats["loaded"] = [];
      for (const [key, engine] of engines) {
        const e = await engine.catch(() => null);
        if (e) loaded.push({ dir: key.split("\u0000")[1], variant: e.variant, loadMs: e.loadMs });
      }
      return { loaded, rssBytes: process.memoryUsage().rss } satisfies WorkerStats;
    }
  }
}

let queue: Promise<void> = Promise.resolve();
parentPort!.on("message", (req: WorkerRequest) => {
  queue = queue.then(async () => {
    let reply: WorkerReply;
    try {
      reply = { id: req.id, ok: true, value: await handle(req) };
    } catch (err) {
      reply = { id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    parentPort!.postMessage(reply);
  });
});
