// npm start            — production server (builds once if needed) on the embedded database
// npm run dev          — development server
// options: --fresh (wipe the embedded database first), --no-seed
// env: PORT (3000), MEDRANK_HOST (127.0.0.1), MEDRANK_DATA_DIR (.medrank/dev), MEDRANK_PG_PORT (54329),
//      DATABASE_URL (use that server), MEDRANK_SYSTEM_DIR (/var/lib/medrank: root in a private folder, see scripts/db/embedded.ts)
// Exit codes (scripts/supervise.ts): 0 after SIGINT/SIGTERM; non-zero when the app or the database
// stops by itself or cannot start; the embedded database is stopped on every path.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { removeLeftoverUploads } from "../app/_lib/import/upload-files";
import { EmbeddedDatabaseError } from "./db/embedded-errors";
import { type PreparedDatabase, prepareDatabase } from "./db/prepare";
import { setupSteps, superviseAppServer } from "./supervise";

const root = path.resolve(import.meta.dirname, "..");
const args = new Set(process.argv.slice(2));
const dev = args.has("--dev");
const port = Number(process.env.PORT ?? 3000);
// loopback unless the operator opens it up (0.0.0.0 in a container, a proxy's address, …)
const host = process.env.MEDRANK_HOST ?? "127.0.0.1";
const dataDir = path.resolve(root, process.env.MEDRANK_DATA_DIR ?? ".medrank/dev");
const pgPort = Number(process.env.MEDRANK_PG_PORT ?? 54329);
const nextBin = path.join(root, "node_modules/next/dist/bin/next");

function secret(): string {
  const file = path.join(dataDir, "nextauth-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

function where(db: PreparedDatabase): string {
  if (!db.embedded) return "DATABASE_URL";
  const dir = db.clusterDir ?? "";
  return `embedded PostgreSQL, data in ${dir.startsWith(root + path.sep) ? path.relative(root, dir) : dir}`;
}

let db: PreparedDatabase | undefined;
const steps = setupSteps(() => db);

async function main(): Promise<number> {
  const started = Date.now();
  const leftovers = removeLeftoverUploads(dataDir);
  if (leftovers) console.log(`[medrank] removed ${leftovers} upload file(s) left by an interrupted import`);
  db = await prepareDatabase({ dataDir, pgPort, fresh: args.has("--fresh") });
  try {
    const env = {
      ...process.env,
      DATABASE_URL: db.url,
      MEDRANK_DATABASE_EMBEDDED: db.embedded ? "1" : "0", // the seed adds demo data only to the embedded database
      MEDRANK_DATA_DIR: dataDir,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? secret(),
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
    };
    console.log(`[medrank] database ready (${where(db)}) in ${Date.now() - started} ms`);

    if (!args.has("--no-seed")) {
      const seed = await steps.run(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts/seed.ts")], { cwd: root, env });
      if (seed !== 0) throw new Error("seeding the demo data failed (see above)");
    }

    if (!dev && !existsSync(path.join(root, ".next/BUILD_ID"))) {
      console.log("[medrank] building the app (first start only)…");
      if ((await steps.run(process.execPath, [nextBin, "build"], { cwd: root, env })) !== 0) throw new Error("next build failed (see above)");
    }

    console.log(`[medrank] open http://localhost:${port}${host === "127.0.0.1" ? " (this machine only: set MEDRANK_HOST=0.0.0.0 to serve the network)" : ""}`);
    steps.done();
    return await superviseAppServer({
      command: process.execPath,
      args: [nextBin, dev ? "dev" : "start", "-p", String(port), "-H", host],
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
    if (err instanceof EmbeddedDatabaseError) {
      console.error(`[medrank] cannot start the database: ${err.what}`);
      console.error(`[medrank] ${err.todo}`);
    } else {
      console.error(`[medrank] ${err instanceof Error ? err.message : String(err)}`);
    }
    process.exit(1);
  },
);
