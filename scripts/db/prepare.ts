// Gets a database ready for the app: the embedded PostgreSQL when DATABASE_URL is unset,
// migrations applied. Shared by the start script, the test set-up and the benchmarks.
import { rmSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "./embedded";
import { migrateDatabase } from "./migrate";

export type PreparedDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

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
}): Promise<PreparedDatabase> {
  const external = opts.forceEmbedded ? undefined : process.env.DATABASE_URL;
  if (external) {
    migrateDatabase(external);
    return { url: external, embedded: false, stop: async () => {} };
  }
  if (opts.fresh) rmSync(path.resolve(opts.dataDir, "pg"), { recursive: true, force: true });
  const db = await startEmbeddedPostgres({
    dataDir: opts.dataDir,
    port: opts.pgPort,
    database: opts.database ?? "medrank",
    recreate: opts.fresh || opts.recreate,
  });
  migrateDatabase(db.url);
  return { ...db, embedded: true };
}
