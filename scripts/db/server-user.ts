// Who runs the embedded PostgreSQL. PostgreSQL refuses to run as root, so as root it runs as the
// unprivileged OS user `postgres` (created when missing, and said so on the console); as anyone
// else it runs as that user.
import { execFileSync, spawnSync } from "node:child_process";
import { EmbeddedDatabaseError } from "./embedded-errors";

/** uid/gid to spawn the server with; undefined: the current user. */
export type ServerUser = { name: string; uid: number; gid: number } | undefined;

export const SERVER_OS_USER = "postgres";

function lookup(name: string): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

function run(command: string, args: string[]): { ok: boolean; message: string } {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error) return { ok: false, message: `${command}: ${result.error.message}` };
  return { ok: result.status === 0, message: (result.stderr || result.stdout || "").trim().split("\n")[0] ?? "" };
}

export function serverUser(log: (line: string) => void): ServerUser {
  if (process.getuid?.() !== 0) return undefined;
  const name = SERVER_OS_USER;
  const existing = lookup(name);
  if (existing) return { name, ...existing };

  // a system account: no home directory, no login shell
  const groupExists = spawnSync("getent", ["group", name]).status === 0;
  const created = run("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", ...(groupExists ? ["--gid", name] : ["--user-group"]), name]);
  const ids = created.ok ? lookup(name) : undefined;
  if (!ids) {
    throw new EmbeddedDatabaseError(
      `running as root, the embedded PostgreSQL must run as the unprivileged OS user "${name}", and creating it failed (${created.message || "useradd gave no reason"}).`,
      `Create it yourself (useradd --system ${name}), run MedRank as an ordinary user, or set DATABASE_URL to your own PostgreSQL.`,
    );
  }
  log(`created the OS user "${name}" to run the embedded PostgreSQL (PostgreSQL refuses to run as root)`);
  return { name, ...ids };
}

/**
 * Whether `user` can reach `target` (search permission on it and every folder above): checked by
 * running `test -x` as that user, the way the server itself will be started.
 */
export function canReach(user: ServerUser, target: string): boolean {
  if (!user) return true;
  const result = spawnSync("/bin/sh", ["-c", 'test -x "$1"', "sh", target], { uid: user.uid, gid: user.gid, cwd: "/", stdio: "ignore" });
  return result.status === 0;
}
