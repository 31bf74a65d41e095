// Runs the reward-model work (rm-work.ts) in the background of the server process: started once
// when the server starts (instrumentation.ts), then woken by the events that create work — items
// imported, sampled candidates posted, a ranking or adjudication making an item final, a project
// choosing its RM — and once a minute in case an event was missed. The work itself is derived from
// the database, so a restart or a lost wake-up only delays it. Kicks before the start (scripts,
// tests) do nothing: tests call runRmWorkUntilIdle themselves.
import "server-only";
import { runRmWorkUntilIdle } from "./rm-work";

const SWEEP_MS = 60_000;

type WorkerState = { started: boolean; running: boolean; again: boolean };
// on globalThis: Next.js may load this module more than once in one process (route bundles, instrumentation)
const g = globalThis as unknown as { medrankRmWorker?: WorkerState };
const state = (g.medrankRmWorker ??= { started: false, running: false, again: false });

async function loop() {
  state.running = true;
  try {
    do {
      state.again = false;
      await runRmWorkUntilIdle();
    } while (state.again);
  } catch (err) {
    console.error("[medrank] reward-model background work failed:", err instanceof Error ? err.message : err);
  } finally {
    state.running = false;
  }
}

/** Wakes the worker; never waits for the work and never throws. */
export function kickRmWork(): void {
  if (!state.started) return;
  if (state.running) {
    state.again = true;
    return;
  }
  setImmediate(() => void loop());
}

export function startRmWorker(): void {
  if (state.started) return;
  state.started = true;
  kickRmWork();
  setInterval(kickRmWork, SWEEP_MS).unref();
}
