// Gets a database ready for the app: the embedded PostgreSQL when DATABASE_URL is unset,
// migrations applied. Shared by the start script, the test set-up and the benchmarks.
import { type ServerExit, startEmbeddedPostgres } from "./embedded";
import { migrateDatabase } from "./migrate";

export type PreparedDatabase = {
  url: string;
  embedded: boolean;
  /** where the embedded server keeps its data */
  clusterDir?: string;
  stop: () => Promise<void>;
  /** settles if the embedded server ends (never for DATABASE_URL) */
  exited: Promise<ServerExit>;
};

export async function prepareDatabase(opts: {
  dataDir: string;
  pgPort: number;
  database?: string;
  /** wipe the embedded cluster first */
  fresh?: boolean;
  /** drop and re-create the database (keeps the cluster: much faster than fresh) */
  recreate?: boolean;
  /** ignore DATABASE_URL (tests always use their own embedded server unless told otherwise) */
  forceEmbedded?: boolean;
  /** the environment variable that sets pgPort, named when the port is taken */
  portSetting?: string;
  /** let the app's role create databases (tests that make a database of their own) */
  roleCanCreateDatabases?: boolean;
}): Promise<PreparedDatabase> {
  const external = opts.forceEmbedded ? undefined : process.env.DATABASE_URL;
  if (external) {
    migrateDatabase(external);
    return { url: external, embedded: false, stop: async () => {}, exited: new Promise(() => {}) };
  }
  const db = await startEmbeddedPostgres({
    dataDir: opts.dataDir,
    port: opts.pgPort,
    database: opts.database ?? "medrank",
    fresh: opts.fresh,
    recreate: opts.fresh || opts.recreate,
    portSetting: opts.portSetting,
    roleCanCreateDatabases: opts.roleCanCreateDatabases,
  });
  try {
    migrateDatabase(db.url);
  } catch (err) {
    await db.stop();
    throw err;
  }
  return { ...db, embedded: true };
}
