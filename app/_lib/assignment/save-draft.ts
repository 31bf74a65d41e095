// Save the annotator's unsubmitted work on one of their assignments (last write wins: two tabs of
// one annotator overwrite each other's draft, and the latest is what a reload resumes).
//
// Rules:
//  - scoped by annotator: someone else's assignment is a 404, never written;
//  - only an assignment still being worked on takes a draft: a submitted or skipped one is 409
//    with the reason, which is how a second tab learns that the item was finished elsewhere;
//  - the draft must fit the project: K slots, each candidate placed at most once.
import "server-only";
import type { Prisma } from "@/app/_generated/prisma/client";
import { db } from "../db";
import { AppError } from "../errors";
import { assignmentRefusal } from "./assignment-conflicts";
import type { DraftState, DraftView } from "./draft.schema";
import { missingAssignmentError } from "./missing-assignment";

export function draftProblems(state: DraftState, k: number): string[] {
  const problems: string[] = [];
  if (state.slots.length !== k) problems.push(`state.slots: expected ${k} slots (one per candidate), got ${state.slots.length}`);
  const seen = new Set<number>();
  state.slots.forEach((p, i) => {
    if (p === null) return;
    if (p >= k) problems.push(`state.slots[${i}]: no candidate at position ${p} (K = ${k})`);
    else if (seen.has(p)) problems.push(`state.slots[${i}]: candidate ${p} is placed twice`);
    seen.add(p);
  });
  if (state.tied.length > k) problems.push(`state.tied: expected at most ${k} entries, got ${state.tied.length}`);
  for (const key of Object.keys(state.flags)) {
    const p = Number(key);
    if (!Number.isInteger(p) || p < 0 || p >= k) problems.push(`state.flags.${key}: no candidate at position ${key} (K = ${k})`);
  }
  return problems;
}

export async function saveDraft(opts: { assignmentId: string; annotatorId: string; state: DraftState; now?: Date }): Promise<DraftView> {
  const now = opts.now ?? new Date();
  const assignment = await db.assignment.findFirst({
    where: { id: opts.assignmentId, annotatorId: opts.annotatorId },
    select: { id: true, status: true, item: { select: { project: { select: { k: true } } } } },
  });
  if (!assignment) throw await missingAssignmentError(db, opts.assignmentId);
  if (assignment.status === "SUBMITTED") throw assignmentRefusal("ALREADY_SUBMITTED", "This item was already submitted (in another tab or on another device)");
  if (assignment.status === "SKIPPED") throw assignmentRefusal("ALREADY_SKIPPED", "This item was already skipped (in another tab or on another device)");
  const problems = draftProblems(opts.state, assignment.item.project.k);
  if (problems.length > 0) throw new AppError("VALIDATION", `invalid body: ${problems[0]}`, { issues: problems });

  const state = opts.state as unknown as Prisma.InputJsonValue;
  const saved = await db.assignmentDraft.upsert({
    where: { assignmentId: assignment.id },
    create: { assignmentId: assignment.id, state, updatedAt: now },
    update: { state, updatedAt: now },
  });
  return { state: saved.state as unknown as DraftState, savedAt: saved.updatedAt.toISOString() };
}
