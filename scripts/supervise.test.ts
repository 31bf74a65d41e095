// The start script's exit rules, with real child processes standing in for the Next.js server.
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { exitCodeFor, superviseAppServer } from "./supervise";

function fakeDatabase() {
  let end!: (exit: { code: number | null; signal: NodeJS.Signals | null }) => void;
  const db = {
    stops: 0,
    exited: new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => (end = resolve)),
    stop: async () => {
      db.stops += 1;
    },
    crash: () => end({ code: 1, signal: null }),
  };
  return db;
}

function supervise(script: string, db = fakeDatabase(), signals = new EventEmitter()) {
  const lines: string[] = [];
  const exitCode = superviseAppServer({
    command: process.execPath,
    args: ["-e", script],
    cwd: process.cwd(),
    env: process.env,
    database: db,
    signals: signals as never,
    log: (line) => lines.push(line),
  });
  return { exitCode, db, signals, lines };
}

// a server that runs until it is told to stop, and says when it is up
const LONG_RUNNING = "process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 1000); console.log('up')";

describe("superviseAppServer", () => {
  it("exits with the app's code when the app crashes, and stops the database", async () => {
    const run = supervise("process.exit(3)");
    expect(await run.exitCode).toBe(3);
    expect(run.db.stops).toBeGreaterThan(0);
    expect(run.lines.join("\n")).toContain("stopped by itself (exit code 3)");
  });

  it("exits non-zero when the app is killed", async () => {
    const run = supervise("process.kill(process.pid, 'SIGKILL')");
    expect(await run.exitCode).toBe(137);
    expect(run.db.stops).toBeGreaterThan(0);
  });

  it("exits non-zero when the app ends by itself even with code 0", async () => {
    expect(await supervise("process.exit(0)").exitCode).toBe(1);
  });

  it("on SIGTERM stops the app, then the database, and exits 0", async () => {
    const run = supervise(LONG_RUNNING);
    run.signals.emit("SIGTERM");
    expect(await run.exitCode).toBe(0);
    expect(run.db.stops).toBeGreaterThan(0);
    expect(run.signals.listenerCount("SIGTERM")).toBe(0);
  });

  it("stops the app and exits 1 when the embedded database dies", async () => {
    const db = fakeDatabase();
    const run = supervise(LONG_RUNNING, db);
    db.crash();
    expect(await run.exitCode).toBe(1);
    expect(run.lines.join("\n")).toContain("the embedded PostgreSQL stopped by itself");
  });
});

describe("exitCodeFor", () => {
  it("maps each ending to a code a supervisor reads correctly", () => {
    expect(exitCodeFor({ by: "signal", signal: "SIGINT" })).toBe(0);
    expect(exitCodeFor({ by: "app", code: 2, signal: null })).toBe(2);
    expect(exitCodeFor({ by: "app", code: null, signal: "SIGSEGV" })).toBe(139);
    expect(exitCodeFor({ by: "database", code: 0, signal: null })).toBe(1);
  });
});
