// The server for the browser tests: a fresh embedded database (no demo data: tests create
// their own through the seed factories) and the production build (`next start`), or
// `next dev` with E2E_DEV=1. Settings come from e2e/settings.ts.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { e2e } from "../e2e/settings";
import { prepareDatabase } from "./db/prepare";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules/next/dist/bin/next");

async function main() {
  const db = await prepareDatabase({ dataDir: e2e.dataDir, pgPort: e2e.pgPort, database: "medrank_e2e", recreate: true, forceEmbedded: true });
  const env = { ...process.env, ...e2e.serverEnv, DATABASE_URL: db.url, NEXTAUTH_URL: e2e.baseURL, NEXT_TELEMETRY_DISABLED: "1", ...(process.env.E2E_DEV === "1" ? { MEDRANK_NEXT_DIST_DIR: process.env.E2E_NEXT_DIST_DIR ?? ".next-e2e" } : {}) };
  const dev = process.env.E2E_DEV === "1";
  if (!dev && !existsSync(path.join(root, ".next/BUILD_ID"))) {
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: "inherit" });
    if (build.status !== 0) process.exit(1);
  }
  const server = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", String(e2e.port)], { cwd: root, env, stdio: "inherit" });
  const stop = async () => {
    server.kill("SIGTERM");
    await db.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", () => void stop());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
