// "Next comparison" for a judge in an evaluation set: resume their unexpired lease there, or
// lease them a comparison that
//  - they have never been given (whatever became of it: unique [comparisonId, judgeId]);
//  - has fewer than the set's judgesPerComparison occupying judgments (slots.ts);
//  - comes first by: most submitted judgments (so comparisons complete), then oldest.
// Left/right is drawn per judgment, so two judges of one comparison see it in independent orders.
//
// Concurrency, as in the ranking queue (app/_lib/assignment/next-item.ts): the candidate row is
// picked with FOR UPDATE SKIP LOCKED, the slot count re-read under that lock, a stale pick
// retried; one judge's parallel requests are serialised by an advisory lock so they resume the
// same lease instead of taking two.
import "server-only";
import { Prisma } from "@/app/_generated/prisma/client";
import { db } from "../../db";
import { AppError } from "../../errors";
import { type JudgmentView, loadJudgmentView } from "./judgment-view";
import { JUDGE_LEASE_MINUTES, occupiedJudgeSlots } from "./slots";
import { drawLeftIsA } from "./verdicts";

const MAX_PICKS = 8;

export async function nextComparison(opts: { evalSetId: string; judgeId: string; now?: Date }): Promise<{ judgment: JudgmentView | null }> {
  const now = opts.now ?? new Date();
  const set = await db.evalSet.findUnique({ where: { id: opts.evalSetId }, select: { id: true, judgesPerComparison: true } });
  if (!set) throw new AppError("NOT_FOUND", `Evaluation set ${opts.evalSetId} not found`);
  const nowText = now.toISOString();

  const judgmentId = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`next-comparison:${opts.judgeId}`}))`;
      await tx.$executeRaw`
        UPDATE "EvalJudgment" SET status = 'EXPIRED'
        WHERE "judgeId" = ${opts.judgeId} AND status = 'ACTIVE' AND "leaseExpiresAt" <= ${nowText}::timestamp`;

      const [current] = await tx.$queryRaw<{ id: string }[]>`
        SELECT j.id FROM "EvalJudgment" j JOIN "EvalComparison" c ON c.id = j."comparisonId"
        WHERE j."judgeId" = ${opts.judgeId} AND j.status = 'ACTIVE' AND j."leaseExpiresAt" > ${nowText}::timestamp
          AND c."evalSetId" = ${set.id}
        ORDER BY j."createdAt" LIMIT 1`;
      if (current) return current.id;

      /** The first comparison this judge may take; `wait`: block on rows others hold locked instead of skipping them. */
      const pick = (wait: boolean) => tx.$queryRaw<{ id: string }[]>`
          SELECT c.id FROM "EvalComparison" c
          WHERE c."evalSetId" = ${set.id}
            AND NOT EXISTS (SELECT 1 FROM "EvalJudgment" mine WHERE mine."comparisonId" = c.id AND mine."judgeId" = ${opts.judgeId})
            AND (SELECT count(*) FROM "EvalJudgment" j WHERE j."comparisonId" = c.id
                   AND (j.status = 'SUBMITTED' OR (j.status = 'ACTIVE' AND j."leaseExpiresAt" > ${nowText}::timestamp))) < ${set.judgesPerComparison}
          ORDER BY c."judgedCount" DESC, c."createdAt", c.id
          LIMIT 1
          FOR UPDATE OF c ${wait ? Prisma.empty : Prisma.sql`SKIP LOCKED`}`;

      for (let attempt = 0; attempt < MAX_PICKS; attempt++) {
        // every open comparison may be locked for a moment by another judge's pick: then wait for
        // one of them rather than tell this judge that nothing is left
        let picked = await pick(false);
        if (picked.length === 0) picked = await pick(true);
        if (picked.length === 0) return null;
        const comparisonId = picked[0].id;
        if ((await occupiedJudgeSlots(tx, { comparisonId, now })) >= set.judgesPerComparison) continue;
        const created = await tx.evalJudgment.create({
          data: {
            comparisonId,
            judgeId: opts.judgeId,
            leftIsA: drawLeftIsA(),
            leaseExpiresAt: new Date(now.getTime() + JUDGE_LEASE_MINUTES * 60_000),
            createdAt: now,
          },
          select: { id: true },
        });
        return created.id;
      }
      throw new AppError("CONFLICT", "The queue is busy right now; ask for the next comparison again");
    },
    { maxWait: 15_000, timeout: 15_000 },
  );

  if (!judgmentId) return { judgment: null };
  return { judgment: await loadJudgmentView(db, { judgmentId, judgeId: opts.judgeId }) };
}
