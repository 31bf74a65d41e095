// Runs the Prisma 6.19 CLI (Wasm schema engine, pg driver adapter) for migrations.
// See prisma/migrate.config.ts for why this is not the Prisma 7 CLI.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const require = createRequire(import.meta.url);

/** Prisma 6 needs `url` in the datasource block and must not see the Prisma 7 generator. */
export function writePrisma6Schema(source: string, dest: string): string {
  const text = readFileSync(source, "utf8")
    .replace(/^generator client \{[\s\S]*?^\}\n?/m, "")
    .replace(/^datasource db \{/m, 'datasource db {\n  url = env("DATABASE_URL")');
  mkdirSync(path.dirname(dest), { recursive: true });
  writeFileSync(dest, text);
  return dest;
}

export function runPrisma6(args: string[], databaseUrl: string, schemaPath: string): string {
  const cli = require.resolve("prisma6/build/index.js");
  return execFileSync(process.execPath, [cli, ...args, "--config", path.join(root, "prisma/migrate.config.ts")], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      MEDRANK_PRISMA6_SCHEMA: schemaPath,
      // The CLI checks that these engine files exist before every command and would try to
      // download them otherwise; with engine "js" it never loads them.
      PRISMA_QUERY_ENGINE_LIBRARY: process.execPath,
      PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
}

export const paths = {
  root,
  schema: path.join(root, "prisma/schema.prisma"),
  migrations: path.join(root, "prisma/migrations"),
};
