// Why the embedded PostgreSQL could not start, in words a user can act on: what happened (one
// line) and what to do (one line). The start script prints the message without a stack trace.

export class EmbeddedDatabaseError extends Error {
  constructor(
    public readonly what: string,
    public readonly todo: string,
  ) {
    super(`${what}\n${todo}`);
    this.name = "EmbeddedDatabaseError";
  }
}

export type FailureContext = {
  port: number;
  /** the environment variable that sets the port, for the advice */
  portSetting: string;
  clusterDir: string;
};

export function portInUse(ctx: FailureContext): EmbeddedDatabaseError {
  return new EmbeddedDatabaseError(
    `port ${ctx.port} (embedded PostgreSQL) is already in use by another program.`,
    `Free the port, choose another with ${ctx.portSetting}=<port>, or set DATABASE_URL to your own PostgreSQL.`,
  );
}

export function otherMajorVersion(ctx: FailureContext & { found: string; shipped: number; freshCommand: string }): EmbeddedDatabaseError {
  return new EmbeddedDatabaseError(
    `the embedded database in ${ctx.clusterDir} was made by PostgreSQL ${ctx.found}; this MedRank ships PostgreSQL ${ctx.shipped}.`,
    `Start over with \`${ctx.freshCommand}\` (deletes that data; back it up first, see docs/operations.md) or set DATABASE_URL to a PostgreSQL ${ctx.found} server.`,
  );
}

export function serverAlreadyRunning(ctx: FailureContext & { pid: number }): EmbeddedDatabaseError {
  return new EmbeddedDatabaseError(
    `a PostgreSQL server (pid ${ctx.pid}) is already running on ${ctx.clusterDir}: another MedRank start is using it, or one was killed and left it behind.`,
    `Stop that start, or the server itself (kill ${ctx.pid}), and try again.`,
  );
}

/** Maps what the server (or initdb) wrote before it exited to an error a user can act on. */
export function explainServerFailure(output: string, ctx: FailureContext & { step: "initdb" | "start" }): EmbeddedDatabaseError {
  if (/Address already in use|could not create any TCP\/IP sockets/i.test(output)) return portInUse(ctx);
  const running = /lock file "postmaster\.pid" already exists[\s\S]*?PID (\d+)/.exec(output);
  if (running) return serverAlreadyRunning({ ...ctx, pid: Number(running[1]) });
  if (/Permission denied/i.test(output)) {
    return new EmbeddedDatabaseError(
      `the embedded PostgreSQL cannot read or write its files (${lastProblem(output)}).`,
      `Check that the OS user running it owns ${ctx.clusterDir}, or set DATABASE_URL to your own PostgreSQL.`,
    );
  }
  return new EmbeddedDatabaseError(
    `the embedded PostgreSQL ${ctx.step === "initdb" ? "could not create its data directory" : "did not start"}: ${lastProblem(output)}`,
    `Its data is in ${ctx.clusterDir}; \`npm start -- --fresh\` starts over (deletes it), or set DATABASE_URL to your own PostgreSQL.`,
  );
}

/** The most telling line: the last FATAL/PANIC/ERROR one, else the last non-empty one. */
function lastProblem(output: string): string {
  const lines = output.split("\n").map((l) => l.trim()).filter(Boolean);
  const serious = lines.filter((l) => /\b(FATAL|PANIC|ERROR|error)\b/.test(l));
  const line = serious.at(-1) ?? lines.at(-1) ?? "no output";
  // drop the timestamp/pid prefix of a server log line
  return line.replace(/^.*?\b(FATAL|PANIC|ERROR):\s+/, "");
}
