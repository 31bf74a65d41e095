// Marks lapsed leases EXPIRED. The slot rule never needs this (it compares
// leaseExpiresAt with the clock), but dashboards and the audit of who held what
// read the status. Rows locked by a concurrent submit are skipped, not waited
// for: the submit settles them itself, and the next sweep picks up the rest.
// Each expiry is written to the audit log (assignment.lease_expired) in the same
// transaction: who held which item until when.
import "server-only";
import { db } from "../db";

type Expired = { id: string; annotatorId: string; itemId: string; projectId: string; leaseExpiresAt: Date };

export async function expireLeases(opts: { projectId?: string; now?: Date } = {}): Promise<number> {
  const now = (opts.now ?? new Date()).toISOString();
  return db.$transaction(async (tx) => {
    const expired = opts.projectId
      ? await tx.$queryRaw<Expired[]>`
      UPDATE "Assignment" AS a SET status = 'EXPIRED'
      FROM "Item" i
      WHERE i.id = a."itemId" AND a.id IN (
        SELECT a2.id FROM "Assignment" a2 JOIN "Item" i2 ON i2.id = a2."itemId"
        WHERE a2.status = 'ACTIVE' AND a2."leaseExpiresAt" <= ${now}::timestamp AND i2."projectId" = ${opts.projectId}
        FOR UPDATE OF a2 SKIP LOCKED)
      RETURNING a.id, a."annotatorId", a."itemId", i."projectId", a."leaseExpiresAt"`
      : await tx.$queryRaw<Expired[]>`
      UPDATE "Assignment" AS a SET status = 'EXPIRED'
      FROM "Item" i
      WHERE i.id = a."itemId" AND a.id IN (
        SELECT id FROM "Assignment" WHERE status = 'ACTIVE' AND "leaseExpiresAt" <= ${now}::timestamp
        FOR UPDATE SKIP LOCKED)
      RETURNING a.id, a."annotatorId", a."itemId", i."projectId", a."leaseExpiresAt"`;
    if (expired.length) {
      await tx.auditLog.createMany({
        data: expired.map((e) => ({
          actorId: null,
          action: "assignment.lease_expired",
          entityType: "assignment",
          entityId: e.id,
          projectId: e.projectId,
          data: { annotatorId: e.annotatorId, itemId: e.itemId, leaseExpiresAt: new Date(e.leaseExpiresAt).toISOString() },
        })),
      });
    }
    return expired.length;
  });
}
