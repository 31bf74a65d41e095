// bcrypt runs on worker threads, never on the request thread: one hash at cost 12 takes
// ~250 ms of CPU, and 20 sign-ins at once used to stall every other request for seconds.
// A small fixed pool caps how many hashes run at the same time; further jobs wait in a queue,
// and past MAX_QUEUE the caller gets a "busy, retry" error instead of an ever-growing wait.
import { availableParallelism } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { AppError } from "../errors";

type Job = { op: "hash"; password: string; cost: number } | { op: "compare"; password: string; hash: string };
type Pending = { job: Job; resolve: (v: string | boolean) => void; reject: (e: Error) => void };

/** Hashes at most this many passwords at once (leaves the other cores to the web server and database). */
export const POOL_SIZE = Math.max(1, Math.min(4, availableParallelism() - 1));
const MAX_QUEUE = 200;

// The worker is plain CommonJS given as source, so it needs no build step (the server bundle,
// vitest and tsx all run it the same way). bcryptjs is resolved from the app's root.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const bcrypt = require(workerData.bcryptPath);
parentPort.on("message", async ({ id, job }) => {
  try {
    const value = job.op === "hash" ? await bcrypt.hash(job.password, job.cost) : await bcrypt.compare(job.password, job.hash);
    parentPort.postMessage({ id, value });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err && err.message || err) });
  }
});`;

type Slot = { worker: Worker; busy: Pending | null };

class PasswordPool {
  private slots: Slot[] = [];
  private queue: Pending[] = [];
  private nextId = 0;

  run(job: Job): Promise<string | boolean> {
    if (this.queue.length >= MAX_QUEUE) {
      return Promise.reject(new AppError("RATE_LIMITED", "The server is busy checking passwords: try again in a few seconds", { retryAfterSeconds: 5 }));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  private spawn(): Slot {
    const bcryptPath = createRequire(path.join(process.cwd(), "package.json")).resolve("bcryptjs");
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcryptPath } });
    worker.unref(); // an idle worker never keeps a script or test process alive
    const slot: Slot = { worker, busy: null };
    worker.on("message", (msg: { value?: string | boolean; error?: string }) => {
      const done = slot.busy;
      slot.busy = null;
      worker.unref();
      if (done) {
        if (msg.error !== undefined) done.reject(new Error(msg.error));
        else done.resolve(msg.value!);
      }
      this.pump();
    });
    worker.on("error", (err) => this.retire(slot, err));
    worker.on("exit", (code) => this.retire(slot, new Error(`password worker exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  private retire(slot: Slot, err: Error) {
    this.slots = this.slots.filter((s) => s !== slot);
    slot.busy?.reject(err);
    slot.busy = null;
    this.pump();
  }

  private pump() {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => !s.busy) ?? (this.slots.length < POOL_SIZE ? this.spawn() : undefined);
      if (!slot) return;
      const next = this.queue.shift()!;
      slot.busy = next;
      slot.worker.ref();
      slot.worker.postMessage({ id: this.nextId++, job: next.job }); // ref'd while busy: a script waits for its hash
    }
  }
}

const globalForPool = globalThis as unknown as { medrankPasswordPool?: PasswordPool };

export function passwordPool(): PasswordPool {
  globalForPool.medrankPasswordPool ??= new PasswordPool();
  return globalForPool.medrankPasswordPool;
}
