// npm run db:migration -- <name> [--replace-last]
// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes the schema
// saved with the previous migration to the current prisma/schema.prisma. Each migration
// folder keeps the schema it produced (schema.prisma), so no shadow database is needed.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "./db/embedded";
import { paths, runPrisma6, writePrisma6Schema } from "./db/prisma6";

async function main() {
  const args = process.argv.slice(2);
  const replaceLast = args.includes("--replace-last");
  const name = args.find((a) => !a.startsWith("--"));
  const existing = existsSync(paths.migrations)
    ? readdirSync(paths.migrations).filter((d) => /^\d{14}_/.test(d)).sort()
    : [];
  let replacedName: string | undefined;
  if (replaceLast && existing.length) {
    const removed = existing.pop()!;
    rmSync(path.join(paths.migrations, removed), { recursive: true });
    replacedName = removed.slice(15);
  }
  const last = existing.at(-1);
  const folderName = name ?? replacedName;
  if (!folderName || !/^[a-z0-9_]+$/.test(folderName)) {
    throw new Error("usage: npm run db:migration -- <name in snake_case> [--replace-last]");
  }

  const db = process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL, stop: async () => {} }
    : await startEmbeddedPostgres({ dataDir: ".medrank/migrations", port: 54398, database: "diff" });
  try {
    const to = writePrisma6Schema(paths.schema, path.join(tmpdir(), "medrank-to.prisma"));
    const from = last
      ? ["--from-schema-datamodel", writePrisma6Schema(path.join(paths.migrations, last, "schema.prisma"), path.join(tmpdir(), "medrank-from.prisma"))]
      : ["--from-empty"];
    const sql = runPrisma6(["migrate", "diff", ...from, "--to-schema-datamodel", to, "--script"], db.url, to);
    if (!/\S/.test(sql.replace(/^--.*$/gm, ""))) {
      console.log("schema unchanged: no migration written");
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(paths.migrations, `${stamp}_${folderName}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    cpSync(paths.schema, path.join(dir, "schema.prisma"));
    writeFileSync(path.join(paths.migrations, "migration_lock.toml"), 'provider = "postgresql"\n');
    console.log(`wrote ${path.relative(paths.root, dir)}/migration.sql`);
  } finally {
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
