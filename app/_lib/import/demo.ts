import "server-only";
import path from "node:path";
import { hashFile } from "./file-hash";
import type { ImportCounts } from "./plan-batch";
import { importFile } from "./run-import";

/** The CMtMedQA test split shipped with the app (prisma/demo/README.md). */
export const DEMO_FILE = path.resolve(process.cwd(), "prisma/demo/cmtmedqa-test.json");
/** Fixed, so every fresh demo database gets the same candidates. */
export const DEMO_SEED = "medrank-demo";

/**
 * Imports the shipped sample into the demo project with the labelled "reference + distractors"
 * candidate builder, so the demo items are rankable. A second call is a no-op (same file hash).
 */
export async function importDemoData(opts: { projectId: string; actorId: string | null }): Promise<ImportCounts> {
  const { sha256, bytes } = await hashFile(DEMO_FILE);
  const result = await importFile({
    projectId: opts.projectId,
    actorId: opts.actorId,
    path: DEMO_FILE,
    fileName: path.basename(DEMO_FILE),
    contentHash: sha256,
    totalBytes: bytes,
    options: { format: "CMTMEDQA", candidates: "reference-distractors", seed: DEMO_SEED },
  });
  return result.import.counts;
}
