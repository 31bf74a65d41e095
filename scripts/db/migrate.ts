// Applies pending migrations from prisma/migrations to the database at `databaseUrl`.
import { tmpdir } from "node:os";
import path from "node:path";
import { paths, runPrisma6, writePrisma6Schema } from "./prisma6";

export function migrateDatabase(databaseUrl: string): void {
  const schema = writePrisma6Schema(paths.schema, path.join(tmpdir(), `medrank-schema6-${process.pid}.prisma`));
  try {
    runPrisma6(["migrate", "deploy"], databaseUrl, schema);
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`database migration failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}
