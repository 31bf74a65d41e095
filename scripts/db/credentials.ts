// Passwords of the embedded PostgreSQL. Each cluster has its own random ones, in files only
// their owner can read (0600):
//   - the superuser `postgres`: <cluster dir>/medrank-superuser-password, made at initdb, used
//     only by the start script to create the app's role and database;
//   - the app's role `medrank` (not a superuser; owns the app's database and runs the
//     migrations): <project data dir>/database-password. It is made by whoever needs it first
//     (the start script, or a test process that must know the URL before the server is up) and
//     set on the role at every start, so the file is what counts.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const SUPERUSER = "postgres";
export const APP_ROLE = "medrank";
export const SUPERUSER_PASSWORD_FILE = "medrank-superuser-password";
export const APP_PASSWORD_FILE = "database-password";

export function newPassword(): string {
  return randomBytes(24).toString("hex");
}

/** Reads `file`, or creates it with a new password (0600); safe when two processes race. */
export function readOrCreatePassword(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, newPassword() + "\n", { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  chmodSync(file, 0o600);
  const password = readFileSync(file, "utf8").trim();
  if (!/^[0-9a-f]{32,}$/.test(password)) throw new Error(`${file} does not hold a password made by MedRank: delete it and start again`);
  return password;
}

/** The app's connection URL for the embedded server of `dataDir` on `port`. */
export function embeddedDatabaseUrl(opts: { dataDir: string; port: number; database: string }): string {
  const password = readOrCreatePassword(path.resolve(opts.dataDir, APP_PASSWORD_FILE));
  return `postgresql://${APP_ROLE}:${password}@127.0.0.1:${opts.port}/${opts.database}`;
}
