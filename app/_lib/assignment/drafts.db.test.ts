// Drafts, placement and the quality signals of a submit, against a real PostgreSQL.
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { db } from "../db";
import { createItems, createProject, createUser } from "../testing/factories";
import type { DraftState } from "./draft.schema";
import { getAssignment } from "./get-assignment";
import { nextItem } from "./next-item";
import { saveDraft } from "./save-draft";
import { skipAssignment } from "./skip-assignment";
import { submitRanking } from "./submit-ranking";

const draft = (extra: Partial<DraftState> = {}): DraftState => ({
  slots: [2, null, null, null],
  tied: [],
  flags: { "1": ["unsafe"] },
  allUnacceptable: true,
  replacement: "抱歉，这个问题我无法确定，建议您尽快就诊。",
  comment: "B 建议加大药量",
  elapsedMs: 41_000,
  ...extra,
});

async function leased(opts: { k?: number } = {}) {
  const project = await createProject({ k: opts.k ?? 4, annotatorsPerItem: 2 });
  await createItems(project.id, { count: 1, k: opts.k ?? 4 });
  const annotator = await createUser({ roles: ["ANNOTATOR"] });
  const { assignment } = await nextItem({ projectId: project.id, annotatorId: annotator.id });
  return { project, annotator, assignment: assignment! };
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: AppError) => ({ code: e.code, reason: (e.details as { reason?: string } | undefined)?.reason, message: e.message }),
  );

describe("drafts", () => {
  it("are saved per assignment, come back with the assignment (another device) and go with the submit", async () => {
    const { annotator, assignment } = await leased();
    expect(assignment.draft).toBeNull();
    const saved = await saveDraft({ assignmentId: assignment.id, annotatorId: annotator.id, state: draft() });
    expect(saved.state.replacement).toMatch(/无法确定/);
    // a later save overwrites (the latest tab wins)
    await saveDraft({ assignmentId: assignment.id, annotatorId: annotator.id, state: draft({ slots: [2, 0, null, null] }) });
    const resumed = await getAssignment({ assignmentId: assignment.id, annotatorId: annotator.id });
    expect(resumed.draft?.state).toMatchObject({ slots: [2, 0, null, null], comment: "B 建议加大药量", elapsedMs: 41_000 });
    expect(Date.parse(resumed.draft!.savedAt)).not.toBeNaN();

    await submitRanking({ assignmentId: assignment.id, annotatorId: annotator.id, body: { ranks: [2, 1, 3, 4], flags: {}, durationMs: 50_000 } });
    expect(await db.assignmentDraft.count({ where: { assignmentId: assignment.id } })).toBe(0);
    // a second tab saving after the submit learns that the item is done
    expect(await refusal(saveDraft({ assignmentId: assignment.id, annotatorId: annotator.id, state: draft() }))).toMatchObject({
      code: "CONFLICT",
      reason: "ALREADY_SUBMITTED",
    });
  });

  it("are refused for someone else's assignment and when they do not fit the project", async () => {
    const { annotator, assignment } = await leased();
    const other = await createUser({ roles: ["ANNOTATOR"] });
    expect(await refusal(saveDraft({ assignmentId: assignment.id, annotatorId: other.id, state: draft() }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(saveDraft({ assignmentId: assignment.id, annotatorId: annotator.id, state: draft({ slots: [0, 1, 2] }) }))).toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/expected 4 slots/),
    });
    expect(await refusal(saveDraft({ assignmentId: assignment.id, annotatorId: annotator.id, state: draft({ slots: [1, 1, null, null] }) }))).toMatchObject({
      message: expect.stringMatching(/placed twice/),
    });
    expect(await db.assignmentDraft.count({ where: { assignmentId: assignment.id } })).toBe(0);
  });

  it("are deleted by a skip", async () => {
    const { annotator, assignment } = await leased();
    await saveDraft({ assignmentId: assignment.id, annotatorId: annotator.id, state: draft() });
    await skipAssignment({ assignmentId: assignment.id, annotatorId: annotator.id, reason: "不熟悉该专科" });
    expect(await db.assignmentDraft.count({ where: { assignmentId: assignment.id } })).toBe(0);
    expect(await refusal(saveDraft({ assignmentId: assignment.id, annotatorId: annotator.id, state: draft() }))).toMatchObject({ reason: "ALREADY_SKIPPED" });
  });
});

describe("submit", () => {
  it("refuses a ranking in which an answer has no place, naming it", async () => {
    const { annotator, assignment } = await leased();
    const body = (ranks: (number | null)[]) => ({ ranks, flags: {}, durationMs: 1000 });
    expect(await refusal(submitRanking({ assignmentId: assignment.id, annotatorId: annotator.id, body: body([1, null, 2, null]) }))).toMatchObject({
      code: "VALIDATION",
      reason: "NOT_PLACED",
      message: expect.stringMatching(/candidate positions 1, 3/),
    });
    expect(await refusal(submitRanking({ assignmentId: assignment.id, annotatorId: annotator.id, body: body([1, 2]) }))).toMatchObject({ reason: "NOT_PLACED" });
    expect(await db.ranking.count({ where: { assignmentId: assignment.id } })).toBe(0);
  });

  it("records whether the order differs from the display order and how long the item was open", async () => {
    const { annotator, assignment } = await leased();
    const stored = await db.assignment.findUniqueOrThrow({ where: { id: assignment.id } });
    // the order exactly as shown: display slot s → rank s + 1
    const shownRanks = new Array<number>(4);
    stored.displayOrder.forEach((position, slot) => (shownRanks[position] = slot + 1));
    const at = new Date(stored.createdAt.getTime() + 95_000);
    await submitRanking({ assignmentId: assignment.id, annotatorId: annotator.id, body: { ranks: shownRanks, flags: {}, durationMs: 1000 }, now: at });
    expect(await db.ranking.findUniqueOrThrow({ where: { assignmentId: assignment.id } })).toMatchObject({ differsFromDisplayOrder: false, openMs: 95_000 });

    const second = await leased();
    const stored2 = await db.assignment.findUniqueOrThrow({ where: { id: second.assignment.id } });
    const reversedForIt = new Array<number>(4);
    stored2.displayOrder.forEach((position, slot) => (reversedForIt[position] = 4 - slot));
    await submitRanking({ assignmentId: second.assignment.id, annotatorId: second.annotator.id, body: { ranks: reversedForIt, flags: {}, durationMs: 1000 } });
    expect((await db.ranking.findUniqueOrThrow({ where: { assignmentId: second.assignment.id } })).differsFromDisplayOrder).toBe(true);
  });

  it("says ALREADY_SUBMITTED when another tab submitted a different ranking", async () => {
    const { annotator, assignment } = await leased();
    await submitRanking({ assignmentId: assignment.id, annotatorId: annotator.id, body: { ranks: [1, 2, 3, 4], flags: {}, durationMs: 1000 } });
    expect(await refusal(submitRanking({ assignmentId: assignment.id, annotatorId: annotator.id, body: { ranks: [4, 3, 2, 1], flags: {}, durationMs: 1000 } }))).toMatchObject({
      code: "CONFLICT",
      reason: "ALREADY_SUBMITTED",
    });
  });
});
