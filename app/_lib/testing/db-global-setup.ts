// Starts the database for the `db` test project: an embedded PostgreSQL (port
// MEDRANK_TEST_PG_PORT, default 54330) with a freshly created, migrated database — or the
// server named by MEDRANK_TEST_DATABASE_URL, which must be local.
import type { TestProject } from "vitest/node";
import { prepareDatabase } from "../../../scripts/db/prepare";
import { assertLocalDatabase } from "./assert-local-database";

export default async function setup(project: TestProject) {
  const external = process.env.MEDRANK_TEST_DATABASE_URL;
  const port = Number(process.env.MEDRANK_TEST_PG_PORT ?? 54330);
  if (external) assertLocalDatabase(external);
  const saved = process.env.DATABASE_URL;
  if (external) process.env.DATABASE_URL = external;
  const db = await prepareDatabase({
    dataDir: `.medrank/test-${port}`,
    pgPort: port,
    database: "medrank_test",
    recreate: !external,
    forceEmbedded: !external,
    portSetting: "MEDRANK_TEST_PG_PORT",
    // last-admin.db.test.ts makes a database of its own
    roleCanCreateDatabases: true,
  });
  process.env.DATABASE_URL = saved;
  assertLocalDatabase(db.url);
  project.provide("databaseUrl", db.url);
  return async () => {
    await db.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
