// npm start            — production server (builds once if needed) on the embedded database
// npm run dev          — development server
// options: --fresh (wipe the embedded database first), --no-seed
// env: PORT (3000), MEDRANK_DATA_DIR (.medrank/dev), MEDRANK_PG_PORT (54329), DATABASE_URL (use that server)
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prepareDatabase } from "./db/prepare";

const root = path.resolve(import.meta.dirname, "..");
const args = new Set(process.argv.slice(2));
const dev = args.has("--dev");
const port = Number(process.env.PORT ?? 3000);
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

async function main() {
  const started = Date.now();
  const db = await prepareDatabase({ dataDir, pgPort, fresh: args.has("--fresh") });
  const env = {
    ...process.env,
    DATABASE_URL: db.url,
    MEDRANK_DATA_DIR: dataDir,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? secret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  console.log(`[medrank] database ready (${db.embedded ? `embedded PostgreSQL, data in ${path.relative(root, dataDir)}` : "DATABASE_URL"}) in ${Date.now() - started} ms`);

  if (!args.has("--no-seed")) {
    const seed = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts/seed.ts")], {
      cwd: root,
      env,
      stdio: "inherit",
    });
    if (seed.status !== 0) throw new Error("seeding the demo data failed");
  }

  if (!dev && !existsSync(path.join(root, ".next/BUILD_ID"))) {
    console.log("[medrank] building the app (first start only)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }

  const server = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", String(port)], { cwd: root, env, stdio: "inherit" });
  console.log(`[medrank] open http://localhost:${port}`);
  const stop = async (code: number) => {
    server.kill("SIGTERM");
    await db.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  server.on("exit", (code) => void stop(code ?? 0));
}

main().catch((err) => {
  console.error(`[medrank] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
