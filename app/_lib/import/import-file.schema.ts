import { z } from "zod";
import { storableString } from "@/app/_lib/api/storable-text";

// POST /api/projects/[projectId]/imports — the query string that comes with the file's bytes.
// The same schema checks the import form in the browser.

export const IMPORT_FORMATS = ["auto", "CMTMEDQA", "ZHONGJING", "CANDIDATES_JSONL"] as const;
export const CANDIDATE_BUILDERS = ["none", "reference-distractors"] as const;

export const importFileSchema = z.object({
  fileName: storableString({ error: "fileName is required" })
    .trim()
    .min(1, "fileName is required")
    .max(200, "fileName must be at most 200 characters")
    // a name, never a path: it ends up in candidate sources ("import:<file>")
    .transform((name) => name.split(/[\\/]/).pop()!),
  format: z.enum(IMPORT_FORMATS, { error: `format must be one of ${IMPORT_FORMATS.join(", ")}` }).default("auto"),
  candidates: z.enum(CANDIDATE_BUILDERS, { error: `candidates must be one of ${CANDIDATE_BUILDERS.join(", ")}` }).default("none"),
  seed: storableString().trim().min(1, "seed must not be empty").max(100, "seed must be at most 100 characters").default("medrank"),
});

export type ImportFileInput = z.infer<typeof importFileSchema>;
