// Reads one assignment of one annotator and shapes the annotator's view of it.
import "server-only";
import type { Db, Tx } from "../db";
import { AppError } from "../errors";
import { missingAssignmentError } from "./missing-assignment";
import type { CandidateFlags } from "../ranking/flags";
import type { AssignmentState, AssignmentView } from "./assignment-view";
import type { DraftState } from "./draft.schema";
import { splitPrompt } from "./prompt";

/** Scoped by annotator: someone else's assignment is "not found", never revealed. */
export async function loadAssignmentView(
  client: Db | Tx,
  opts: { assignmentId: string; annotatorId: string; now?: Date },
): Promise<AssignmentView> {
  const now = opts.now ?? new Date();
  const a = await client.assignment.findFirst({
    where: { id: opts.assignmentId, annotatorId: opts.annotatorId },
    include: {
      ranking: true,
      draft: true,
      item: {
        include: {
          project: { select: { id: true, name: true, k: true, allowTies: true, guidelines: true } },
          dialogue: { select: { department: true } },
          candidates: { select: { position: true, text: true } },
        },
      },
    },
  });
  if (!a) throw await missingAssignmentError(client, opts.assignmentId);

  const byPosition = new Map(a.item.candidates.map((c) => [c.position, c]));
  const candidates = a.displayOrder.map((position) => {
    const c = byPosition.get(position);
    if (!c) throw new AppError("CONFLICT", `item ${a.itemId}: candidate at position ${position} is missing`);
    return { position, text: c.text };
  });
  const status: AssignmentState = a.status === "ACTIVE" && a.leaseExpiresAt <= now ? "EXPIRED" : a.status;

  return {
    id: a.id,
    status,
    leaseExpiresAt: a.leaseExpiresAt.toISOString(),
    project: a.item.project,
    item: {
      id: a.item.id,
      turnIndex: a.item.turnIndex,
      department: a.item.dialogue.department,
      ...splitPrompt(a.item.id, a.item.prompt),
    },
    candidates,
    ranking: a.ranking
      ? {
          id: a.ranking.id,
          ranks: a.ranking.ranks,
          flags: a.ranking.flags as CandidateFlags,
          replacement: a.ranking.replacement,
          comment: a.ranking.comment,
          durationMs: a.ranking.durationMs,
          createdAt: a.ranking.createdAt.toISOString(),
        }
      : null,
    draft: a.draft && a.status === "ACTIVE" ? { state: a.draft.state as unknown as DraftState, savedAt: a.draft.updatedAt.toISOString() } : null,
    skipReason: a.skipReason,
  };
}
