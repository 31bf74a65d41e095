// The server for the browser tests: a fresh embedded database (no demo data: tests create
// their own through the seed factories) and the production build (`next start`), or
// `next dev` with E2E_DEV=1. Settings come from e2e/settings.ts. Exits like `npm start`
// (scripts/supervise.ts): non-zero when the app or the database stops by itself.
import { existsSync } from "node:fs";
import path from "node:path";
import { e2e } from "../e2e/settings";
import { EmbeddedDatabaseError } from "./db/embedded-errors";
import { type PreparedDatabase, prepareDatabase } from "./db/prepare";
import { setupSteps, superviseAppServer } from "./supervise";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules/next/dist/bin/next");

let db: PreparedDatabase | undefined;
const steps = setupSteps(() => db);

async function main(): Promise<number> {
  db = await prepareDatabase({
    dataDir: e2e.dataDir,
    pgPort: e2e.pgPort,
    database: "medrank_e2e",
    recreate: true,
    forceEmbedded: true,
    portSetting: "E2E_PG_PORT",
  });
  try {
    const dev = process.env.E2E_DEV === "1";
    const env = {
      ...process.env,
      ...e2e.serverEnv,
      DATABASE_URL: db.url,
      NEXTAUTH_URL: e2e.baseURL,
      NEXT_TELEMETRY_DISABLED: "1",
      ...(dev ? { MEDRANK_NEXT_DIST_DIR: process.env.E2E_NEXT_DIST_DIR ?? ".next-e2e" } : {}),
    };
    if (!dev && !existsSync(path.join(root, ".next/BUILD_ID"))) {
      if ((await steps.run(process.execPath, [nextBin, "build"], { cwd: root, env })) !== 0) throw new Error("next build failed (see above)");
    }
    steps.done();
    return await superviseAppServer({
      command: process.execPath,
      args: [nextBin, dev ? "dev" : "start", "-p", String(e2e.port), "-H", process.env.MEDRANK_HOST ?? "127.0.0.1"],
      cwd: root,
      env,
      database: db,
    });
  } finally {
    await db.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof EmbeddedDatabaseError) console.error(`[e2e-server] cannot start the database: ${err.what}\n[e2e-server] ${err.todo}`);
    else console.error(`[e2e-server] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
