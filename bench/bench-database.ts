// A fresh embedded PostgreSQL for a benchmark, with the app's env pointed at it. App modules
// that touch the database must be imported (dynamically) after this resolves: the env is read
// on first use.
import path from "node:path";
import { prepareDatabase } from "../scripts/db/prepare";

export async function benchDatabase(name: string, defaultPort: number) {
  const db = await prepareDatabase({
    dataDir: path.resolve(import.meta.dirname, "..", ".medrank", name),
    pgPort: Number(process.env.MEDRANK_BENCH_PG_PORT ?? defaultPort),
    database: name.replace(/-/g, "_"),
    fresh: true,
  });
  process.env.DATABASE_URL = db.url;
  process.env.NEXTAUTH_SECRET ??= "bench-secret-0123456789abcdef";
  return db;
}
