// POST /api/evaluations/import — an evaluation set from an uploaded file in an import format.
// The file was streamed to disk under the upload limit (save-upload.ts); its records are read
// one at a time; any bad record refuses the whole file (nothing is created).
import "server-only";
import type { Caller } from "@/app/_lib/auth/caller";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import type { ImportEvalSetInput } from "./create-eval-set.schema";
import { readFilePrompts } from "./file-prompts";
import { saveEvalSet } from "./save-eval-set";

export async function importEvalSet(opts: { caller: Caller; input: ImportEvalSetInput; upload: { path: string; sha256: string } }) {
  const { caller, input, upload } = opts;
  if (input.projectId && !(await db.project.findUnique({ where: { id: input.projectId }, select: { id: true } }))) {
    throw new AppError("VALIDATION", `projectId: project ${input.projectId} not found`);
  }
  const { prompts, skipped, format } = await readFilePrompts({ path: upload.path, fileName: input.fileName, format: input.format, multiTurn: input.multiTurn });
  const saved = await db.$transaction((tx) =>
    saveEvalSet(tx, {
      ...input,
      source: "IMPORT",
      projectId: input.projectId ?? null,
      prompts,
      actorId: caller.id,
      origin: { file: input.fileName, fileSha256: upload.sha256, format, skipped },
    }),
  );
  return { ...saved, skipped };
}
