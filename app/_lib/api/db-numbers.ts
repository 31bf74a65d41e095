// The number ranges PostgreSQL columns hold. Schemas cap numbers that reach an Int column (a
// metrics step, a log seq) or a BigInt id (the audit log's `before`), so an out-of-range number
// is a 422 naming the field instead of a database error.
import { z } from "zod";

/** int4: Prisma `Int`. */
export const PG_INT_MAX = 2_147_483_647;
/** int8: Prisma `BigInt`. */
export const PG_BIGINT_MAX = 9_223_372_036_854_775_807n;

/** A whole number from 0 that fits an Int column. */
export function pgCount() {
  return z.number().int("must be a whole number").min(0, "must be 0 or more").max(PG_INT_MAX, `must be at most ${PG_INT_MAX}`);
}

/** Decimal digits of an id that fits a BigInt column. */
export function isPgBigIntId(digits: string): boolean {
  return /^\d{1,19}$/.test(digits) && BigInt(digits) <= PG_BIGINT_MAX;
}
