// Slots of an item: at most project.annotatorsPerItem assignments may be
// "occupying" at once — submitted, or active with an unexpired lease. Skipped and
// expired assignments give their slot back to the pool.
//
// Every change that takes a slot (next item, a late submit) first locks the item
// row (SELECT … FOR UPDATE), then counts with a fresh statement: under READ
// COMMITTED each statement sees everything committed before it, and nobody else
// can add an assignment to the item while we hold its lock, so the count is exact.
//
// Times go to raw SQL as ISO text cast to `timestamp`: Prisma stores UTC wall-clock
// time in `timestamp(3)` columns, and the text cast keeps that meaning whatever the
// session's TimeZone is.
import "server-only";
import type { Tx } from "../db";

export async function lockItem(tx: Tx, itemId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Item" WHERE id = ${itemId} FOR UPDATE`;
}

export async function occupiedSlots(tx: Tx, opts: { itemId: string; now: Date; excludeAssignmentId?: string }): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "Assignment"
    WHERE "itemId" = ${opts.itemId}
      AND id <> ${opts.excludeAssignmentId ?? ""}
      AND (status = 'SUBMITTED' OR (status = 'ACTIVE' AND "leaseExpiresAt" > ${opts.now.toISOString()}::timestamp))`;
  return row.n;
}
