// Slots of a comparison: at most the set's judgesPerComparison judgments may occupy it at once —
// submitted, or active with an unexpired lease (skipped and lapsed ones give their slot back).
// Same rule and same locking as the ranking queue (app/_lib/assignment/slots.ts): lock the
// comparison row, then count with a fresh statement.
import "server-only";
import type { Tx } from "../../db";

export const JUDGE_LEASE_MINUTES = 30;

export async function lockComparison(tx: Tx, comparisonId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "EvalComparison" WHERE id = ${comparisonId} FOR UPDATE`;
}

export async function occupiedJudgeSlots(tx: Tx, opts: { comparisonId: string; now: Date; excludeJudgmentId?: string }): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "EvalJudgment"
    WHERE "comparisonId" = ${opts.comparisonId}
      AND id <> ${opts.excludeJudgmentId ?? ""}
      AND (status = 'SUBMITTED' OR (status = 'ACTIVE' AND "leaseExpiresAt" > ${opts.now.toISOString()}::timestamp))`;
  return row.n;
}
