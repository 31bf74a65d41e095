// A real trainer agent for the browser tests: the Python package from the checkout's .venv, on
// the CPU, with a TINY random model built once per data folder. A spec that calls useTrainer()
// is skipped where the .venv is missing and builds the tiny model before its tests.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createAgentToken } from "@/app/_lib/runs/agent-tokens";
import { test, type TestUser } from "./fixtures";
import { e2e } from "./settings";

const root = path.resolve(import.meta.dirname, "..");
const python = process.env.MEDRANK_PYTHON ?? path.join(root, ".venv/bin/python");
export const tinyModel = path.resolve(root, e2e.dataDir, "tiny-model");

/** The caller object the app's own functions take, for a signed-in test user. */
export const asCaller = (u: TestUser) => ({ id: u.id, email: u.email, name: u.name, roles: u.roles, via: "session" as const, mustChangePassword: false });

export function useTrainer() {
  test.skip(!existsSync(python), "needs the trainer's virtual environment (.venv with `pip install -e trainer`)");
  test.beforeAll(() => {
    if (existsSync(path.join(tinyModel, "config.json"))) return;
    const built = spawnSync(python, ["-m", "medrank_trainer.cli", "tiny-model", tinyModel], { cwd: root, encoding: "utf8" });
    if (built.status !== 0) throw new Error(`building the tiny model failed:\n${built.stderr}`);
  });
}

export type Agent = { proc: ChildProcess; exited: Promise<void> };

/** Starts an agent with a new token of the admin's; its output goes to <logName>.log among the test's outputs. */
export async function startAgent(admin: TestUser, logName: string, opts: { workdir?: string; leaseSeconds?: number } = {}): Promise<Agent> {
  const { token } = await createAgentToken({ caller: asCaller(admin), input: { name: `e2e ${logName}` } });
  const workdir = opts.workdir ?? mkdtempSync(path.join(tmpdir(), "medrank-agent-"));
  const args = ["-m", "medrank_trainer.cli", "agent", "--url", e2e.baseURL, "--workdir", workdir,
    "--lease-seconds", String(opts.leaseSeconds ?? 8), "--heartbeat-interval", "1", "--poll-interval", "0.5", "--max-backoff", "2"];
  const proc = spawn(python, args, { cwd: root, env: { ...process.env, MEDRANK_AGENT_TOKEN: token, NODE_OPTIONS: "" } });
  const log = createWriteStream(test.info().outputPath(`${logName}.log`));
  proc.stdout!.pipe(log);
  proc.stderr!.pipe(log);
  const exited = new Promise<void>((resolve) => proc.on("exit", () => resolve()));
  return { proc, exited };
}

export async function stopAgent(agent: Agent, signal: NodeJS.Signals = "SIGTERM") {
  if (agent.proc.exitCode === null && agent.proc.signalCode === null) agent.proc.kill(signal);
  await agent.exited;
}
