// Marks lapsed leases EXPIRED. The slot rule never needs this (it compares
// leaseExpiresAt with the clock), but dashboards and the audit of who held what
// read the status. Rows locked by a concurrent submit are skipped, not waited
// for: the submit settles them itself, and the next sweep picks up the rest.
import "server-only";
import { db } from "../db";

export async function expireLeases(opts: { projectId?: string; now?: Date } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  if (opts.projectId) {
    return db.$executeRaw`
      UPDATE "Assignment" SET status = 'EXPIRED'
      WHERE id IN (
        SELECT a.id FROM "Assignment" a JOIN "Item" i ON i.id = a."itemId"
        WHERE a.status = 'ACTIVE' AND a."leaseExpiresAt" <= ${now.toISOString()}::timestamp AND i."projectId" = ${opts.projectId}
        FOR UPDATE OF a SKIP LOCKED)`;
  }
  return db.$executeRaw`
    UPDATE "Assignment" SET status = 'EXPIRED'
    WHERE id IN (
      SELECT id FROM "Assignment" WHERE status = 'ACTIVE' AND "leaseExpiresAt" <= ${now.toISOString()}::timestamp
      FOR UPDATE SKIP LOCKED)`;
}
