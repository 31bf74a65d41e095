// Runs the Next.js server beside the database and ends both together, with an exit code a
// supervisor (systemd, Docker, Kubernetes) can act on:
//   - SIGINT / SIGTERM / SIGHUP: the app is stopped, then the database; exit 0;
//   - the app ends by itself (a crash): the database is stopped; exit with the app's code
//     (128 + signal number when it was killed; 1 if it claimed success);
//   - the embedded database ends by itself: the app is stopped; exit 1.
import { type ChildProcess, spawn } from "node:child_process";
import { constants } from "node:os";

type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type Ending = { by: "signal"; signal: NodeJS.Signals } | ({ by: "app" } & Exit) | ({ by: "database" } & Exit);

export function exitCodeFor(ending: Ending): number {
  if (ending.by === "signal") return 0;
  if (ending.by === "database") return 1;
  if (ending.code !== null && ending.code !== 0) return ending.code;
  if (ending.signal) return 128 + (constants.signals[ending.signal] ?? 0);
  return 1;
}

function describe(ending: Ending): string {
  if (ending.by === "signal") return `${ending.signal} received: stopping`;
  const how = ending.signal ? `killed by ${ending.signal}` : `exit code ${ending.code}`;
  return ending.by === "app" ? `the app server stopped by itself (${how})` : `the embedded PostgreSQL stopped by itself (${how})`;
}

type SignalSource = {
  on(event: NodeJS.Signals, listener: () => void): unknown;
  off(event: NodeJS.Signals, listener: () => void): unknown;
};

export const STOP_SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
/** how long the app gets to finish its requests before it is killed */
const APP_STOP_GRACE_MS = 15_000;

/** Resolves with the exit code once the app and the database have both stopped. */
export async function superviseAppServer(opts: {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  database: { stop: () => Promise<void>; exited: Promise<Exit> };
  signals?: SignalSource;
  log?: (line: string) => void;
}): Promise<number> {
  const log = opts.log ?? ((line: string) => console.error(`[medrank] ${line}`));
  const signals = opts.signals ?? process;
  const app = spawn(opts.command, opts.args, { cwd: opts.cwd, env: opts.env, stdio: "inherit" });
  const appExited = new Promise<Exit>((resolve) => {
    app.on("error", (err) => {
      log(`could not start the app server: ${err.message}`);
      resolve({ code: 1, signal: null });
    });
    app.on("exit", (code, signal) => resolve({ code, signal }));
  });

  let end!: (ending: Ending) => void;
  const ended = new Promise<Ending>((resolve) => (end = resolve));
  // Listening until the very end: a second Ctrl-C must not kill this process before the database is down.
  const handlers = STOP_SIGNALS.map((signal) => {
    const handler = () => end({ by: "signal", signal });
    signals.on(signal, handler);
    return [signal, handler] as const;
  });
  void appExited.then((exit) => end({ by: "app", ...exit }));
  void opts.database.exited.then((exit) => end({ by: "database", ...exit }));

  const ending = await ended;
  if (ending.by !== "signal" || ending.signal !== "SIGINT") log(describe(ending));

  if (app.exitCode === null && app.signalCode === null) {
    app.kill("SIGTERM");
    const slow = setTimeout(() => app.kill("SIGKILL"), APP_STOP_GRACE_MS);
    await appExited;
    clearTimeout(slow);
  }
  await opts.database.stop();
  for (const [signal, handler] of handlers) signals.off(signal, handler);
  return exitCodeFor(ending);
}

/**
 * The steps before the server (seed, build) run as child processes, not spawnSync, so that a stop
 * signal is handled at once: `stopDuringSetup` kills the running step, stops the database and exits.
 */
export function setupSteps(database: () => { stop: () => Promise<void> } | undefined) {
  let current: ChildProcess | undefined;
  const onSignal = () => {
    current?.kill("SIGTERM");
    void (database()?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  return {
    /** runs a command to its end; resolves with its exit code */
    run(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<number> {
      return new Promise((resolve) => {
        current = spawn(command, args, { ...opts, stdio: "inherit" });
        current.on("error", () => resolve(1));
        current.on("exit", (code) => resolve(code ?? 1));
      });
    },
    /** hands signals over to superviseAppServer */
    done() {
      for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    },
  };
}
