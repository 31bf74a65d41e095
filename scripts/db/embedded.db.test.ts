// The embedded PostgreSQL as a user meets it: an unprivileged app role with private passwords,
// data that survives a restart, clear refusals, and (as root) a clone in a private folder.
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { SUPERUSER_PASSWORD_FILE } from "./credentials";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "./embedded";
import { EmbeddedDatabaseError } from "./embedded-errors";

const isRoot = process.getuid?.() === 0;
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A folder for one test; `mode` 0755 lets the server's OS user in, 0700 keeps it out (as root). */
function folder(mode: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), "medrank-embedded-"));
  chmodSync(dir, mode);
  made.push(dir);
  return dir;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function start(dataDir: string, port: number, extra: { systemDir?: string } = {}): Promise<EmbeddedDatabase> {
  return startEmbeddedPostgres({ dataDir, port, database: "medrank", log: () => {}, ...extra });
}

describe("embedded PostgreSQL", () => {
  it("connects the app as an unprivileged owner with a random password, and keeps data across a restart", async () => {
    const dataDir = path.join(folder(0o755), "data");
    const port = await freePort();
    let db = await start(dataDir, port);
    try {
      const [me] = await query(db.url, "SELECT current_user AS role, r.rolsuper, r.rolcreaterole, pg_get_userbyid(d.datdba) AS owner FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()");
      expect(me).toEqual({ role: "medrank", rolsuper: false, rolcreaterole: false, owner: "medrank" });
      expect(db.url).not.toContain("medrank:medrank@");
      await query(db.url, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
      // nobody gets in with the fixed passwords of earlier versions
      await expect(query(`postgresql://medrank:medrank@127.0.0.1:${port}/medrank`, "SELECT 1")).rejects.toThrow(/password authentication failed/);
      await expect(query(`postgresql://postgres:medrank@127.0.0.1:${port}/postgres`, "SELECT 1")).rejects.toThrow(/password authentication failed/);
    } finally {
      await db.stop();
    }
    // passwords and data are private to their owners
    expect(statSync(path.join(dataDir, "database-password")).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(db.clusterDir, SUPERUSER_PASSWORD_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(db.clusterDir).mode & 0o777).toBe(0o700);

    db = await start(dataDir, port);
    try {
      expect(await query(db.url, "SELECT note FROM kept")).toEqual([{ note: "still here" }]);
    } finally {
      await db.stop();
    }
    expect(existsSync(path.join(db.clusterDir, "postmaster.pid"))).toBe(false);
  });

  it("refuses a port another program holds, naming the port and the way out", async () => {
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const { port } = holder.address() as { port: number };
    try {
      const failure = startEmbeddedPostgres({ dataDir: path.join(folder(0o755), "data"), port, database: "medrank", portSetting: "E2E_PG_PORT", log: () => {} });
      await expect(failure).rejects.toBeInstanceOf(EmbeddedDatabaseError);
      await expect(failure).rejects.toThrow(new RegExp(`port ${port} .*in use[\\s\\S]*E2E_PG_PORT=<port>`));
    } finally {
      holder.close();
    }
  });

  it("refuses a data directory from another PostgreSQL major version and suggests --fresh", async () => {
    const dataDir = path.join(folder(0o755), "data");
    mkdirSync(path.join(dataDir, "pg"), { recursive: true });
    writeFileSync(path.join(dataDir, "pg", "PG_VERSION"), "17\n");
    const failure = start(dataDir, await freePort());
    await expect(failure).rejects.toThrow(/made by PostgreSQL 17; this MedRank ships PostgreSQL 18\.\n.*npm start -- --fresh/);
    // the old data is left alone
    expect(readFileSync(path.join(dataDir, "pg", "PG_VERSION"), "utf8")).toBe("17\n");
  });

  it.runIf(isRoot)("as root in a private (0700) folder, keeps the cluster where its OS user can reach it, private to that user", async () => {
    const privateDir = folder(0o700);
    const systemDir = path.join(folder(0o755), "system");
    const dataDir = path.join(privateDir, "clone", ".medrank", "dev");
    const port = await freePort();
    let db = await start(dataDir, port, { systemDir });
    try {
      expect(db.clusterDir.startsWith(path.join(systemDir, "data") + path.sep)).toBe(true);
      const postgresUid = Number(readFileSync("/etc/passwd", "utf8").match(/^postgres:[^:]*:(\d+):/m)?.[1]);
      expect(statSync(db.clusterDir).uid).toBe(postgresUid);
      expect(statSync(db.clusterDir).mode & 0o777).toBe(0o700);
      await query(db.url, "CREATE TABLE kept (n int)");
    } finally {
      await db.stop();
    }
    db = await start(dataDir, port, { systemDir });
    try {
      expect(await query(db.url, "SELECT count(*)::int AS n FROM kept")).toEqual([{ n: 0 }]);
    } finally {
      await db.stop();
    }
  });

  it.runIf(isRoot)("as root, never swaps a cluster its OS user can no longer reach for an empty one", async () => {
    const dataDir = path.join(folder(0o700), "data");
    mkdirSync(path.join(dataDir, "pg"), { recursive: true });
    writeFileSync(path.join(dataDir, "pg", "PG_VERSION"), "18\n");
    const systemDir = path.join(folder(0o755), "system");
    await expect(start(dataDir, await freePort(), { systemDir })).rejects.toThrow(/cannot be reached by the OS user "postgres"[\s\S]*chmod o\+x/);
    expect(existsSync(path.join(systemDir, "data"))).toBe(false);
  });
});

describe("npm start when the database cannot start", () => {
  it("says what happened and what to do in two lines, without a stack trace, and exits 1", async () => {
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const { port } = holder.address() as { port: number };
    try {
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--no-seed"], {
        env: { ...process.env, DATABASE_URL: "", MEDRANK_PG_PORT: String(port), MEDRANK_DATA_DIR: path.join(folder(0o755), "data") },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect(code).toBe(1);
      const lines = stderr.trim().split("\n");
      expect(lines).toEqual([
        `[medrank] cannot start the database: port ${port} (embedded PostgreSQL) is already in use by another program.`,
        "[medrank] Free the port, choose another with MEDRANK_PG_PORT=<port>, or set DATABASE_URL to your own PostgreSQL.",
      ]);
    } finally {
      holder.close();
    }
  });
});
