// npm run agent:local — a trainer agent on this machine, for the CPU demo: launch a run in the
// browser and watch it train a TINY random model.
//   1. an agent token: read from <data dir>/agent-token, or created (and stored there) when
//      missing or revoked — through the app's own function, recorded in the audit log;
//   2. the tiny model in <data dir>/tiny-model, built by `medrank-trainer tiny-model` if missing;
//   3. `medrank-trainer agent` polling http://localhost:$PORT, run directories in <data dir>/agent.
// Start the app first (`npm run dev`, same MEDRANK_DATA_DIR / MEDRANK_PG_PORT / PORT); extra
// arguments go to the agent (e.g. `npm run agent:local -- --once`).
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { embeddedDatabaseUrl } from "./db/credentials";

const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.resolve(root, process.env.MEDRANK_DATA_DIR ?? ".medrank/dev");
const port = Number(process.env.PORT ?? 3000);
const pgPort = Number(process.env.MEDRANK_PG_PORT ?? 54329);
const venvPython = path.join(root, ".venv/bin/python");
// The trainer lives in .venv; create it on first use (CPU PyTorch, see scripts/setup-python.sh).
if (!process.env.MEDRANK_PYTHON && !existsSync(venvPython)) {
  console.log("[agent:local] setting up the trainer in .venv (first run only)…");
  if (spawnSync("bash", [path.join(root, "scripts/setup-python.sh")], { cwd: root, stdio: "inherit" }).status !== 0) {
    console.error("[agent:local] could not set up .venv");
    process.exit(1);
  }
}
const python = process.env.MEDRANK_PYTHON ?? venvPython;
const tokenFile = path.join(dataDir, "agent-token");
const modelDir = path.join(dataDir, "tiny-model");
const workdir = path.join(dataDir, "agent");

function fail(message: string): never {
  console.error(`[agent:local] ${message}`);
  process.exit(1);
}

async function agentToken(): Promise<string> {
  // The app's env is read lazily by the db module: point it at the running app's database.
  process.env.DATABASE_URL ??= embeddedDatabaseUrl({ dataDir, port: pgPort, database: "medrank" });
  const secretFile = path.join(dataDir, "nextauth-secret");
  process.env.NEXTAUTH_SECRET ??= existsSync(secretFile) ? readFileSync(secretFile, "utf8").trim() : "local-agent-placeholder-secret";
  const { db } = await import("@/app/_lib/db");
  const { hashAgentToken } = await import("@/app/_lib/runs/agent-token");
  const { createAgentToken } = await import("@/app/_lib/runs/agent-tokens");
  try {
    if (existsSync(tokenFile)) {
      const token = readFileSync(tokenFile, "utf8").trim();
      const agent = await db.agent.findUnique({ where: { tokenHash: hashAgentToken(token) } });
      if (agent && !agent.revokedAt) return token;
      console.log("[agent:local] the stored token is unknown or revoked: creating a new one");
    }
    const admin = await db.user.findFirst({ where: { roles: { has: "ADMIN" }, active: true }, orderBy: { createdAt: "asc" } });
    if (!admin) fail("no active admin in the database: start the app once (`npm run dev`) so it seeds the demo accounts");
    const { token } = await createAgentToken({
      caller: { id: admin.id, email: admin.email, name: admin.name, roles: admin.roles, via: "session", mustChangePassword: false },
      input: { name: "local CPU agent (tiny model)" },
    });
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(tokenFile, token + "\n", { mode: 0o600 });
    chmodSync(tokenFile, 0o600);
    return token;
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    if (/ECONNREFUSED|connect/i.test(text)) fail(`cannot reach the app's database on port ${pgPort}: start the app first (npm run dev)`);
    throw err;
  } finally {
    await db.$disconnect();
  }
}

function ensureTrainer() {
  const check = spawnSync(python, ["-c", "import medrank_trainer.agent"], { stdio: "pipe" });
  if (check.status !== 0) {
    fail(`the trainer package is not installed for ${python}: run \`python3 -m venv .venv && .venv/bin/pip install torch==2.13.0 && .venv/bin/pip install -e trainer\``);
  }
}

function ensureTinyModel() {
  if (existsSync(path.join(modelDir, "config.json"))) return;
  console.log(`[agent:local] building the tiny demo model in ${path.relative(root, modelDir)} …`);
  const built = spawnSync(python, ["-m", "medrank_trainer.cli", "tiny-model", modelDir], { stdio: "inherit" });
  if (built.status !== 0) fail("building the tiny model failed");
}

async function main() {
  ensureTrainer();
  const token = await agentToken();
  ensureTinyModel();
  mkdirSync(workdir, { recursive: true });
  const url = `http://localhost:${port}`;
  console.log(`[agent:local] agent for ${url}; launch a run with the base model / policy path:\n               ${modelDir}`);
  const args = ["-m", "medrank_trainer.cli", "agent", "--url", url, "--workdir", workdir, "--models", modelDir, "--poll-interval", "2", ...process.argv.slice(2)];
  const agent = spawn(python, args, { stdio: "inherit", env: { ...process.env, MEDRANK_AGENT_TOKEN: token } });
  // Ctrl-C reaches the agent through the terminal's process group; forward a plain SIGTERM too.
  process.on("SIGTERM", () => agent.kill("SIGTERM"));
  process.on("SIGINT", () => {});
  agent.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
