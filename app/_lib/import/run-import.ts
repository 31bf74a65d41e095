import "server-only";
import { Prisma } from "@/app/_generated/prisma/client";
import { audit } from "../audit";
import { db, type Db, type Tx } from "../db";
import { AppError } from "../errors";
import { insertCandidates, insertDialogues, insertItems } from "./bulk-insert";
import { checkContainer, describeContainer, detectFormat } from "./detect-format";
import { AnswerPool } from "./distractors";
import { FileShapeError, readSignature } from "./file-signature";
import { toImportView, type ImportView } from "./import-view";
import { parseRecord } from "./parse-record";
import {
  type BatchRows,
  type ExistingItem,
  type ImportCounts,
  type ImportLookup,
  type PlanContext,
  type PlannedRecord,
  newPlanState,
  planBatch,
  turnKey,
} from "./plan-batch";
import { rejectionMessage } from "./record-issue";
import { FileSyntaxError, readRecords } from "./record-source";
import type { CandidateBuilder, FileContainer, ImportFormatName, RecordIssue } from "./types";

// Imports one file into a project, all or nothing: pass 1 reads the whole file and checks every
// record (nothing written); pass 2 reads it again and writes it in batches inside ONE transaction.
// Records stream from disk in both passes, so memory stays bounded for any file size.

export type ImportOptions = {
  format: ImportFormatName | "auto";
  candidates: CandidateBuilder;
  seed: string;
};

export type ImportProgress = {
  phase: "validate" | "write";
  bytes: number;
  totalBytes: number;
  records: number;
};

export type ImportResult = { import: ImportView; duplicate: boolean };

/** Records per batch: one lookup round and one createMany per table per batch. */
const BATCH = 500;
/** Problems listed in one error (the first ones of the file). */
const MAX_ISSUES = 50;
/** A 70,000-dialogue file takes minutes on a small machine; the transaction must outlive it. */
const TRANSACTION_TIMEOUT_MS = 60 * 60_000;

export async function importFile(opts: {
  projectId: string;
  actorId: string | null;
  path: string;
  fileName: string;
  /** sha256 of the file's bytes (the route hashes while it receives the upload) */
  contentHash: string;
  totalBytes: number;
  options: ImportOptions;
  onProgress?: (p: ImportProgress) => void;
}): Promise<ImportResult> {
  const project = await db.project.findUnique({ where: { id: opts.projectId }, select: { id: true, k: true } });
  if (!project) throw new AppError("NOT_FOUND", "Project not found");

  const done = await db.importBatch.findUnique({ where: { projectId_contentHash: { projectId: project.id, contentHash: opts.contentHash } } });
  if (done) return { import: await viewOf(done), duplicate: true };

  const { format, container } = await resolveFormat(opts.path, opts.options.format);
  const pool = new AnswerPool(opts.options.seed);
  const base = { projectId: project.id, k: project.k, builder: opts.options.candidates, seed: opts.options.seed, pool };
  const progress = (phase: ImportProgress["phase"]) => (bytes: number, records: number) =>
    opts.onProgress?.({ phase, bytes, totalBytes: opts.totalBytes, records });

  // Pass 1: validate everything, write nothing.
  const issues: RecordIssue[] = [];
  await runPass({
    path: opts.path,
    container,
    format,
    fileName: opts.fileName,
    ctx: { ...base, importId: null, mode: "validate", lookup: prismaLookup(db, project.id) },
    onProgress: progress("validate"),
    onBatch: async (_rows, batchIssues) => {
      issues.push(...batchIssues);
      return issues.length < MAX_ISSUES;
    },
  });
  if (issues.length) throw validationError(opts.fileName, issues);

  // Pass 2: the same decisions, written in one transaction.
  try {
    return await db.$transaction(
      async (tx) => {
        const batch = await tx.importBatch.create({
          data: {
            projectId: project.id,
            fileName: opts.fileName,
            format,
            contentHash: opts.contentHash,
            options: { candidates: opts.options.candidates, seed: opts.options.seed, requestedFormat: opts.options.format },
            createdById: opts.actorId,
          },
        });
        const counts = await runPass({
          path: opts.path,
          container,
          format,
          fileName: opts.fileName,
          ctx: { ...base, importId: batch.id, mode: "write", lookup: prismaLookup(tx, project.id) },
          onProgress: progress("write"),
          onBatch: async (rows, batchIssues) => {
            // only a concurrent change can make pass 2 disagree with pass 1: give up, roll back
            if (batchIssues.length) throw validationError(opts.fileName, batchIssues);
            await writeRows(tx, project.id, rows);
            return true;
          },
        });
        const saved = await tx.importBatch.update({ where: { id: batch.id }, data: { counts } });
        await audit(tx, {
          actorId: opts.actorId,
          action: "import.create",
          entityType: "ImportBatch",
          entityId: batch.id,
          projectId: project.id,
          data: { fileName: opts.fileName, format, contentHash: opts.contentHash, options: opts.options, counts },
        });
        return { import: await viewOf(saved, tx), duplicate: false };
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
    );
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new AppError("CONFLICT", "The same file (or a record of it) was imported into this project at the same moment; reload and check the import list");
    }
    throw err;
  }
}

async function resolveFormat(path: string, requested: ImportOptions["format"]): Promise<{ format: ImportFormatName; container: FileContainer }> {
  let sig;
  try {
    sig = await readSignature(path);
  } catch (err) {
    if (err instanceof FileShapeError) throw new AppError("VALIDATION", `Cannot read the file: ${err.message}`);
    throw err;
  }
  if (requested !== "auto") {
    const problem = checkContainer(requested, sig.container);
    if (problem) throw new AppError("VALIDATION", problem);
    return { format: requested, container: sig.container };
  }
  const format = detectFormat(sig);
  if (!format) {
    const keys = sig.recordKeys.length ? sig.recordKeys.slice(0, 12).join(", ") : "none";
    throw new AppError(
      "VALIDATION",
      `Cannot tell the file's format: it is ${describeContainer(sig.container)} whose first record has the keys [${keys}]. See docs/formats.md, or choose the format explicitly.`,
    );
  }
  return { format, container: sig.container };
}

/** Reads the file once, in batches; `onBatch` returns false to stop early. */
async function runPass(p: {
  path: string;
  container: FileContainer;
  format: ImportFormatName;
  fileName: string;
  ctx: PlanContext;
  onProgress: (bytes: number, records: number) => void;
  onBatch: (rows: BatchRows, issues: RecordIssue[]) => Promise<boolean>;
}): Promise<ImportCounts> {
  const state = newPlanState();
  let batch: PlannedRecord[] = [];
  let parseIssues: RecordIssue[] = [];
  let bytes = 0;
  let records = 0;
  const flush = async () => {
    const { rows, issues } = await planBatch(batch, state, p.ctx);
    const go = await p.onBatch(rows, [...parseIssues, ...issues].sort((a, b) => a.index - b.index));
    batch = [];
    parseIssues = [];
    p.onProgress(bytes, records);
    return go;
  };
  try {
    for await (const raw of readRecords(p.path, p.container)) {
      records++;
      bytes = raw.bytesRead;
      const parsed = parseRecord(raw, p.format, p.fileName);
      if (parsed.ok) batch.push({ ref: { index: raw.index, line: raw.line, id: refId(parsed.record) }, record: parsed.record });
      else parseIssues.push(...parsed.issues);
      if (batch.length + parseIssues.length >= BATCH && !(await flush())) return state.counts;
    }
  } catch (err) {
    if (err instanceof FileSyntaxError) throw new AppError("VALIDATION", `${p.fileName}: ${err.message}`, { issues: [] });
    throw err;
  }
  await flush();
  if (records === 0) throw new AppError("VALIDATION", `${p.fileName} holds no records`);
  return state.counts;
}

function refId(record: PlannedRecord["record"]): string {
  if (record.type === "dialogue") return record.externalId;
  if (record.type === "turn") return `${record.dialogueExternalId}#${record.turnIndex}`;
  return record.itemId;
}

function validationError(fileName: string, issues: RecordIssue[]): AppError {
  const shown = issues.slice(0, MAX_ISSUES);
  return new AppError("VALIDATION", rejectionMessage(fileName, shown, issues.length >= MAX_ISSUES), { issues: shown });
}

async function writeRows(tx: Tx, projectId: string, rows: BatchRows): Promise<void> {
  await insertDialogues(tx, rows.dialogues);
  await insertItems(tx, rows.items);
  await insertCandidates(tx, rows.candidates);
  if (rows.openedItemIds.length) {
    await tx.item.updateMany({
      where: { projectId, id: { in: rows.openedItemIds }, status: "AWAITING_CANDIDATES" },
      data: { status: "OPEN" },
    });
  }
}

/** The planner's reads, always scoped to the project. */
function prismaLookup(client: Db | Tx, projectId: string): ImportLookup {
  const itemSelect = {
    id: true,
    dialogueId: true,
    status: true,
    prompt: true,
    turnIndex: true,
    dialogue: { select: { externalId: true } },
    candidates: { select: { text: true }, orderBy: { position: "asc" } },
  } as const;
  const toExisting = (i: { id: string; dialogueId: string; status: ExistingItem["status"]; prompt: unknown; candidates: { text: string }[] }): ExistingItem => ({
    id: i.id,
    dialogueId: i.dialogueId,
    status: i.status,
    prompt: i.prompt,
    candidateTexts: i.candidates.map((c) => c.text),
  });
  return {
    async dialoguesByExternalId(externalIds) {
      const rows = await client.dialogue.findMany({ where: { projectId, externalId: { in: externalIds } }, select: { id: true, externalId: true } });
      return new Map(rows.map((r) => [r.externalId, { id: r.id }]));
    },
    async itemsById(ids) {
      const rows = await client.item.findMany({ where: { projectId, id: { in: ids } }, select: itemSelect });
      return new Map(rows.map((r) => [r.id, toExisting(r)]));
    },
    async itemsByTurn(turns) {
      const wanted = new Set(turns.map((t) => turnKey(t.dialogueExternalId, t.turnIndex)));
      const rows = await client.item.findMany({
        where: { projectId, dialogue: { externalId: { in: [...new Set(turns.map((t) => t.dialogueExternalId))] } } },
        select: itemSelect,
      });
      const out = new Map<string, ExistingItem>();
      for (const r of rows) {
        const key = turnKey(r.dialogue.externalId, r.turnIndex);
        if (wanted.has(key)) out.set(key, toExisting(r));
      }
      return out;
    },
  };
}

async function viewOf(row: Parameters<typeof toImportView>[0], client: Db | Tx = db): Promise<ImportView> {
  const user = row.createdById ? await client.user.findUnique({ where: { id: row.createdById }, select: { id: true, name: true } }) : null;
  return toImportView(row, new Map(user ? [[user.id, user]] : []));
}
