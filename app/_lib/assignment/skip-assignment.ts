// Skip an assignment with a reason: the item is never served to this annotator
// again (the assignment row stays, and [itemId, annotatorId] is unique) and the
// slot goes back to the pool (SKIPPED does not occupy). Skipping twice is a no-op;
// a submitted assignment cannot be skipped.
import "server-only";
import { audit } from "../audit";
import { db } from "../db";
import { assignmentRefusal } from "./assignment-conflicts";
import { missingAssignmentError } from "./missing-assignment";
import type { AssignmentView } from "./assignment-view";
import { loadAssignmentView } from "./load-assignment-view";
import { lockItem } from "./slots";

export async function skipAssignment(opts: { assignmentId: string; annotatorId: string; reason: string; now?: Date }): Promise<AssignmentView> {
  const now = opts.now ?? new Date();
  await db.$transaction(async (tx) => {
    const scoped = await tx.assignment.findFirst({
      where: { id: opts.assignmentId, annotatorId: opts.annotatorId },
      select: { itemId: true },
    });
    if (!scoped) throw await missingAssignmentError(tx, opts.assignmentId);
    // the same lock as submit: a skip and a submit of one assignment never interleave
    await lockItem(tx, scoped.itemId);
    const assignment = await tx.assignment.findUniqueOrThrow({
      where: { id: opts.assignmentId },
      select: { id: true, status: true, itemId: true, item: { select: { projectId: true } } },
    });
    if (assignment.status === "SKIPPED") return;
    if (assignment.status === "SUBMITTED") throw assignmentRefusal("ALREADY_SUBMITTED", "This assignment is already ranked; it cannot be skipped");
    await tx.assignment.update({
      where: { id: assignment.id },
      data: { status: "SKIPPED", skipReason: opts.reason, finishedAt: now },
    });
    await tx.assignmentDraft.deleteMany({ where: { assignmentId: assignment.id } });
    await audit(tx, {
      actorId: opts.annotatorId,
      action: "assignment.skip",
      entityType: "assignment",
      entityId: assignment.id,
      projectId: assignment.item.projectId,
      data: { itemId: assignment.itemId, reason: opts.reason },
    });
  });
  return loadAssignmentView(db, { assignmentId: opts.assignmentId, annotatorId: opts.annotatorId, now });
}
