// POST /api/evaluations/[evalSetId]/systems/import — an IMPORTED system: another model's answers
// as answers JSONL (answers-jsonl.ts). The file was streamed to disk under its size limit; it is
// read line by line. All or nothing: any bad line, an unknown or repeated prompt, or a prompt left
// unanswered refuses the whole file, naming the line; nothing is created.
import "server-only";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Prisma } from "@/app/_generated/prisma/client";
import { audit } from "@/app/_lib/audit";
import type { Caller } from "@/app/_lib/auth/caller";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import { fillComparisons } from "../pairs";
import { systemNameConflict } from "./add-model-system";
import type { ImportAnswersInput } from "./add-system.schema";
import { type AnswerLine, matchAnswers, parseAnswerLine } from "./answers-jsonl";

/** Answers files larger than this are refused (5,000 prompts of long answers fit well within). */
export const MAX_ANSWERS_FILE_BYTES = 64 * 1024 * 1024;

async function readAnswerLines(path: string, fileName: string): Promise<AnswerLine[]> {
  const lines: AnswerLine[] = [];
  const problems: string[] = [];
  const reader = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let n = 0;
  for await (const text of reader) {
    n++;
    const parsed = parseAnswerLine(text, n);
    if (!parsed) continue;
    if (parsed.ok) lines.push(parsed.value);
    else if (problems.push(parsed.message) >= 20) break;
  }
  if (problems.length) throw new AppError("VALIDATION", `${fileName}: ${problems[0]} (nothing was imported)`, { problems });
  if (lines.length === 0) throw new AppError("VALIDATION", `${fileName}: the file holds no answers`);
  return lines;
}

export async function importAnswers(opts: { caller: Caller; evalSetId: string; input: ImportAnswersInput; upload: { path: string; sha256: string } }) {
  const { caller, evalSetId, input, upload } = opts;
  const set = await db.evalSet.findUnique({ where: { id: evalSetId }, select: { id: true, projectId: true } });
  if (!set) throw new AppError("NOT_FOUND", `evaluation set ${evalSetId} not found`);
  const lines = await readAnswerLines(upload.path, input.fileName);
  const prompts = await db.evalPrompt.findMany({ where: { evalSetId }, select: { id: true, externalId: true }, orderBy: { position: "asc" } });
  const matched = matchAnswers(lines, prompts);
  if (!matched.ok) throw new AppError("VALIDATION", `${input.fileName}: ${matched.problems[0]} (nothing was imported)`, { problems: matched.problems });

  let system;
  try {
    system = await db.$transaction(async (tx) => {
      const row = await tx.evalSystem.create({
        data: { evalSetId, name: input.name, kind: "IMPORTED", status: "READY", createdById: caller.id },
        select: { id: true, name: true, status: true },
      });
      await tx.evalAnswer.createMany({
        data: matched.answers.map(({ promptId, line }) => ({
          systemId: row.id,
          promptId,
          text: line.answer,
          provenance: { ...line.provenance, source: "import", file: input.fileName, fileSha256: upload.sha256, line: line.line } as Prisma.InputJsonValue,
        })),
      });
      await audit(tx, {
        actorId: caller.id,
        action: "evaluation.system.import",
        entityType: "EvalSystem",
        entityId: row.id,
        projectId: set.projectId,
        data: { evalSetId, file: input.fileName, sha256: upload.sha256, answers: matched.answers.length },
      });
      return row;
    }, { timeout: 120_000 });
  } catch (err) {
    throw systemNameConflict(err, input.name);
  }
  const comparisons = await fillComparisons(evalSetId);
  return { ...system, answers: matched.answers.length, comparisons };
}
