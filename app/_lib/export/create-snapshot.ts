import "server-only";
import { Prisma } from "@/app/_generated/prisma/client";
import { audit } from "../audit";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { evaluationDialogueIds, lockHeldOut } from "../evaluation/sets/held-out";
import { newId } from "../import/new-id";
import { buildSnapshotFiles, type ChatMessage, type ExportItem, snapshotHash } from "./snapshot-lines";
import { snapshotViewSelect, toSnapshotView, type SnapshotView } from "./snapshot-view";

// Creates the next immutable, versioned snapshot of a project's FINAL items. Everything is read
// in one repeatable-read transaction, so the three files describe the same moment.

/** Items read per query while building the files. */
const CHUNK = 500;

export async function createSnapshot(opts: { projectId: string; actorId: string }): Promise<SnapshotView> {
  try {
    return await db.$transaction(
      async (tx) => {
        const project = await tx.project.findUnique({ where: { id: opts.projectId }, select: { id: true, name: true } });
        if (!project) throw new AppError("NOT_FOUND", "Project not found");

        // Dialogues holding an evaluation prompt are never trained on (evaluation/sets/held-out.ts):
        // left out here, under the lock that evaluation sets are drawn under, and counted.
        await lockHeldOut(tx, project.id);
        const heldOut = await evaluationDialogueIds(tx, project.id);
        const heldOutForEvaluation = heldOut.length
          ? await tx.item.count({ where: { projectId: project.id, status: "FINAL", dialogueId: { in: heldOut } } })
          : 0;

        // order: by dialogue id then turn, so that two snapshots of a growing project diff cleanly
        const ids = await tx.item.findMany({
          where: { projectId: project.id, status: "FINAL", dialogueId: { notIn: heldOut } },
          select: { id: true },
          orderBy: [{ dialogue: { externalId: "asc" } }, { turnIndex: "asc" }, { id: "asc" }],
        });
        if (ids.length === 0) {
          throw new AppError("CONFLICT", "The project has no final rankings yet: nothing to export");
        }

        const last = await tx.snapshot.findFirst({ where: { projectId: project.id }, orderBy: { version: "desc" }, select: { version: true } });
        const snap = { id: newId(), version: (last?.version ?? 0) + 1, projectId: project.id, projectName: project.name };
        const items: ExportItem[] = [];
        for (let i = 0; i < ids.length; i += CHUNK) items.push(...(await readItems(tx, ids.slice(i, i + CHUNK).map((r) => r.id))));
        const files = buildSnapshotFiles(items, snap);
        const contentHash = snapshotHash(files);

        const row = await tx.snapshot.create({
          data: {
            id: snap.id,
            projectId: project.id,
            version: snap.version,
            contentHash,
            counts: { ...files.counts, heldOutForEvaluation },
            rankings: files.rankings,
            pairs: files.pairs,
            raw: files.raw,
            createdById: opts.actorId,
          },
          select: snapshotViewSelect,
        });
        await audit(tx, {
          actorId: opts.actorId,
          action: "snapshot.create",
          entityType: "Snapshot",
          entityId: row.id,
          projectId: project.id,
          data: { version: row.version, contentHash, counts: files.counts },
        });
        const actor = await tx.user.findUnique({ where: { id: opts.actorId }, select: { id: true, name: true } });
        return toSnapshotView(row, new Map(actor ? [[actor.id, actor]] : []));
      },
      { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 10 * 60_000, maxWait: 10_000 },
    );
  } catch (err) {
    // two admins pressing the button at once: the unique (project, version) lets one win
    if (err instanceof Prisma.PrismaClientKnownRequestError && (err.code === "P2002" || err.code === "P2034")) {
      throw new AppError("CONFLICT", "Another snapshot of this project was being created at the same moment; try again");
    }
    throw err;
  }
}

/** FINAL items (in the given order) with candidates, rankings and the last adjudication. */
async function readItems(tx: Tx, ids: string[]): Promise<ExportItem[]> {
  const rows = await tx.item.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      prompt: true,
      turnIndex: true,
      finalRanks: true,
      finalReplacement: true,
      adjudicated: true,
      dialogue: { select: { externalId: true, department: true, kind: true } },
      candidates: { select: { position: true, text: true, source: true }, orderBy: { position: "asc" } },
      rankings: {
        select: { id: true, annotatorId: true, ranks: true, flags: true, replacement: true, comment: true, durationMs: true, createdAt: true },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
      adjudications: { where: { undoneAt: null }, select: { adjudicatorId: true }, orderBy: { createdAt: "desc" }, take: 1 },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const r = byId.get(id)!;
    return {
      id: r.id,
      prompt: r.prompt as ChatMessage[],
      dialogueExternalId: r.dialogue.externalId,
      turnIndex: r.turnIndex,
      department: r.dialogue.department,
      dialogueKind: r.dialogue.kind,
      candidates: r.candidates,
      finalRanks: r.finalRanks,
      finalReplacement: r.finalReplacement,
      adjudicated: r.adjudicated,
      adjudicatorId: r.adjudicated ? (r.adjudications[0]?.adjudicatorId ?? null) : null,
      rankings: r.rankings,
    };
  });
}
