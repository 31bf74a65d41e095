// The evaluation sets a judge can work on, with their own progress: how many comparisons they
// have judged, and how many they could still take (fewer than N judgments, none by them).
// Only what a judge may know: the set's name and shape, never its systems.
import "server-only";
import { db } from "../../db";

export type JudgeSetRow = { id: string; name: string; multiTurn: boolean; judged: number; open: number; total: number };

export async function judgeSets(opts: { judgeId: string; evalSetId?: string; now?: Date }): Promise<JudgeSetRow[]> {
  const now = (opts.now ?? new Date()).toISOString();
  const rows = await db.$queryRaw<{ id: string; name: string; multiTurn: boolean; judged: number; open: number; total: number }[]>`
    SELECT s.id, s.name, s."multiTurn",
      (SELECT count(*)::int FROM "EvalJudgment" j JOIN "EvalComparison" c ON c.id = j."comparisonId"
         WHERE c."evalSetId" = s.id AND j."judgeId" = ${opts.judgeId} AND j.status = 'SUBMITTED') AS judged,
      (SELECT count(*)::int FROM "EvalComparison" c
         WHERE c."evalSetId" = s.id
           AND NOT EXISTS (SELECT 1 FROM "EvalJudgment" mine WHERE mine."comparisonId" = c.id AND mine."judgeId" = ${opts.judgeId}
                             AND mine.status <> 'ACTIVE')
           AND (SELECT count(*) FROM "EvalJudgment" j WHERE j."comparisonId" = c.id AND j."judgeId" <> ${opts.judgeId}
                  AND (j.status = 'SUBMITTED' OR (j.status = 'ACTIVE' AND j."leaseExpiresAt" > ${now}::timestamp))) < s."judgesPerComparison") AS open,
      (SELECT count(*)::int FROM "EvalComparison" c WHERE c."evalSetId" = s.id) AS total
    FROM "EvalSet" s
    WHERE (${opts.evalSetId ?? null}::text IS NULL OR s.id = ${opts.evalSetId ?? null})
      AND EXISTS (SELECT 1 FROM "EvalComparison" c WHERE c."evalSetId" = s.id)
    ORDER BY s."createdAt" DESC, s.id`;
  return rows;
}
