// npx tsx scripts/db/check-embedded.ts — starts the embedded PostgreSQL the way `npm start` does
// (same data dir and port settings), applies the migrations, checks that the app's role can work
// and is not a superuser, and stops it. CI runs it as root from a private (0700) folder.
import path from "node:path";
import pg from "pg";
import { EmbeddedDatabaseError } from "./embedded-errors";
import { prepareDatabase } from "./prepare";

async function main() {
  const root = path.resolve(import.meta.dirname, "../..");
  const dataDir = path.resolve(root, process.env.MEDRANK_DATA_DIR ?? ".medrank/dev");
  const started = Date.now();
  const db = await prepareDatabase({ dataDir, pgPort: Number(process.env.MEDRANK_PG_PORT ?? 54329), forceEmbedded: true });
  try {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ role: string; superuser: boolean; migrations: number }>(
      'SELECT current_user AS role, rolsuper AS superuser, (SELECT count(*)::int FROM "_prisma_migrations") AS migrations FROM pg_roles WHERE rolname = current_user',
    );
    await client.end();
    const me = rows[0]!;
    if (me.superuser) throw new Error(`the app connects as ${me.role}, a superuser`);
    console.log(
      `[medrank] embedded PostgreSQL ok in ${Date.now() - started} ms as ${process.getuid?.() === 0 ? "root" : "an ordinary user"}: ` +
        `data in ${db.clusterDir}, ${me.migrations} migrations applied, app role ${me.role} (not a superuser)`,
    );
  } finally {
    await db.stop();
  }
}

main().catch((err) => {
  console.error(`[medrank] ${err instanceof EmbeddedDatabaseError ? `cannot start the database: ${err.what}\n[medrank] ${err.todo}` : err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
