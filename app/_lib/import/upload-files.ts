// Where uploads wait while an import reads them: <data dir>/uploads, private to the server's OS
// user (folder 0700, files 0600: they hold patient dialogues). A file is removed when its import
// ends; one left by an import killed mid-way is removed at the next start (scripts/start.ts),
// when no import can be running. No "server-only" here: the start script uses it too.
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";

const UPLOAD_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.upload$/;

export function uploadDir(dataDir: string): string {
  return path.resolve(dataDir, "uploads");
}

export function uploadFileName(id: string): string {
  return `${id}.upload`;
}

/** Deletes uploads left behind in `dataDir`; returns how many. Other files are left alone. */
export function removeLeftoverUploads(dataDir: string): number {
  let names: string[];
  try {
    names = readdirSync(uploadDir(dataDir));
  } catch {
    return 0;
  }
  const leftovers = names.filter((name) => UPLOAD_NAME.test(name));
  for (const name of leftovers) rmSync(path.join(uploadDir(dataDir), name), { force: true });
  return leftovers.length;
}
