// The judge's actions on one of their judgments: save a draft, submit, skip.
//
// Rules:
//  - scoped by judge: someone else's judgment is a 404, never read or written;
//  - a draft is taken only while the judgment is being worked on (409 once submitted/skipped);
//  - submit is idempotent: the same verdicts again → 200 with the stored judgment, different
//    ones → 409; a submit after the lease lapsed is accepted while the comparison still has a
//    free slot (re-counted under the comparison's row lock), else 409;
//  - skip frees the slot and the comparison is never served to this judge again.
import "server-only";
import type { Prisma } from "@/app/_generated/prisma/client";
import { db } from "../../db";
import { AppError } from "../../errors";
import type { JudgeDraft, SubmitJudgmentBody } from "./judging.schema";
import { type JudgmentView, loadJudgmentView } from "./judgment-view";
import { lockComparison, occupiedJudgeSlots } from "./slots";
import { DIMENSIONS, sideToVerdict } from "./verdicts";

async function ownJudgment(judgmentId: string, judgeId: string) {
  const j = await db.evalJudgment.findFirst({
    where: { id: judgmentId, judgeId },
    select: { id: true, status: true, leftIsA: true, comparisonId: true, safety: true, professionalism: true, fluency: true, note: true, comparison: { select: { evalSet: { select: { judgesPerComparison: true } } } } },
  });
  if (!j) throw new AppError("NOT_FOUND", `Judgment ${judgmentId} not found`);
  return j;
}

export async function saveJudgeDraft(opts: { judgmentId: string; judgeId: string; draft: JudgeDraft }): Promise<{ savedAt: string }> {
  const j = await ownJudgment(opts.judgmentId, opts.judgeId);
  if (j.status === "SUBMITTED") throw new AppError("CONFLICT", "This comparison was already submitted (in another tab or on another device)", { reason: "ALREADY_SUBMITTED" });
  if (j.status === "SKIPPED") throw new AppError("CONFLICT", "This comparison was already skipped (in another tab or on another device)", { reason: "ALREADY_SKIPPED" });
  await db.evalJudgment.update({ where: { id: j.id }, data: { draft: opts.draft as unknown as Prisma.InputJsonValue } });
  return { savedAt: new Date().toISOString() };
}

export async function submitJudgment(opts: {
  judgmentId: string;
  judgeId: string;
  body: SubmitJudgmentBody;
  now?: Date;
}): Promise<{ created: boolean; judgment: JudgmentView }> {
  const now = opts.now ?? new Date();
  const j = await ownJudgment(opts.judgmentId, opts.judgeId);
  const verdicts = Object.fromEntries(DIMENSIONS.map((d) => [d, sideToVerdict(opts.body[d], j.leftIsA)])) as Record<(typeof DIMENSIONS)[number], "A" | "TIE" | "B">;
  const note = opts.body.note || null;

  if (j.status === "SUBMITTED") {
    const same = DIMENSIONS.every((d) => j[d] === verdicts[d]) && (j.note ?? null) === note;
    if (!same) throw new AppError("CONFLICT", "This comparison was already submitted with other verdicts", { reason: "ALREADY_SUBMITTED" });
    return { created: false, judgment: await loadJudgmentView(db, { judgmentId: j.id, judgeId: opts.judgeId }) };
  }
  if (j.status === "SKIPPED") throw new AppError("CONFLICT", "This comparison was skipped; it cannot be submitted", { reason: "ALREADY_SKIPPED" });

  const created = await db.$transaction(async (tx) => {
    await lockComparison(tx, j.comparisonId);
    const fresh = await tx.evalJudgment.findUniqueOrThrow({ where: { id: j.id }, select: { status: true, leaseExpiresAt: true } });
    if (fresh.status === "SUBMITTED") return false; // a concurrent identical submit won the race
    if (fresh.status === "SKIPPED") throw new AppError("CONFLICT", "This comparison was skipped; it cannot be submitted", { reason: "ALREADY_SKIPPED" });
    const lapsed = fresh.status === "EXPIRED" || fresh.leaseExpiresAt <= now;
    if (lapsed) {
      const taken = await occupiedJudgeSlots(tx, { comparisonId: j.comparisonId, now, excludeJudgmentId: j.id });
      if (taken >= j.comparison.evalSet.judgesPerComparison) {
        throw new AppError("CONFLICT", "Your time on this comparison ran out and other judges have taken it", { reason: "LEASE_LOST" });
      }
    }
    await tx.evalJudgment.update({
      where: { id: j.id },
      data: { ...verdicts, note, status: "SUBMITTED", submittedAt: now, durationMs: opts.body.durationMs ?? null, draft: undefined },
    });
    await tx.evalComparison.update({ where: { id: j.comparisonId }, data: { judgedCount: { increment: 1 } } });
    return true;
  });
  return { created, judgment: await loadJudgmentView(db, { judgmentId: j.id, judgeId: opts.judgeId }) };
}

export async function skipJudgment(opts: { judgmentId: string; judgeId: string }): Promise<{ status: "SKIPPED" }> {
  const j = await ownJudgment(opts.judgmentId, opts.judgeId);
  if (j.status === "SUBMITTED") throw new AppError("CONFLICT", "This comparison was already submitted; it cannot be skipped", { reason: "ALREADY_SUBMITTED" });
  if (j.status !== "SKIPPED") await db.evalJudgment.update({ where: { id: j.id }, data: { status: "SKIPPED" } });
  return { status: "SKIPPED" };
}
