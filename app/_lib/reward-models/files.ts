// Files of reward model folders: where uploaded models are stored, hashing, and the check that a
// folder holds every file its manifest lists with the announced size and sha256.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { Manifest, ManifestFile } from "./manifest";

/** Uploaded models live in <data dir>/reward-models/<model id>/ (MEDRANK_DATA_DIR, default .medrank/dev). */
export function rewardModelStorage(dataDir: string): string {
  return path.resolve(dataDir, "reward-models");
}

/** The path of a manifest-listed file inside `dir` (names are checked relative paths: manifest.ts). */
export function fileInFolder(dir: string, name: string): string {
  const full = path.resolve(dir, name);
  if (!full.startsWith(path.resolve(dir) + path.sep)) throw new Error(`${name}: not inside the model folder`);
  return full;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** The first problem with a listed file, or null when size and sha256 match. */
export async function checkFile(dir: string, f: ManifestFile): Promise<string | null> {
  const file = fileInFolder(dir, f.name);
  let size: number;
  try {
    const s = await stat(file);
    if (!s.isFile()) return `${f.name} is not a file`;
    size = s.size;
  } catch {
    return `${f.name} is missing`;
  }
  if (size !== f.bytes) return `${f.name} has ${size} bytes, the manifest says ${f.bytes}`;
  const digest = await sha256File(file);
  if (digest !== f.sha256) return `${f.name}: sha256 ${digest.slice(0, 12)}… does not match the manifest's ${f.sha256.slice(0, 12)}…`;
  return null;
}

/** Throws naming the first file that is missing, of the wrong size or with the wrong sha256. */
export async function verifyFolder(dir: string, manifest: Manifest): Promise<void> {
  for (const f of manifest.files) {
    const problem = await checkFile(dir, f);
    if (problem) throw new Error(problem);
  }
}

export const totalBytes = (files: readonly ManifestFile[]) => files.reduce((n, f) => n + f.bytes, 0);
