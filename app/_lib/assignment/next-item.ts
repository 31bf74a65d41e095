// "Next item" for an annotator: resume their unexpired lease in the project, or
// lease them a new item.
//
// The rule, in one place:
//  - an item is OPEN, has K candidates (OPEN implies it), and the annotator has
//    never been assigned it (whatever became of that assignment: unique
//    [itemId, annotatorId] backs this up);
//  - it has fewer than annotatorsPerItem occupying assignments (see slots.ts);
//  - items with a higher priority come first (Item.priority: a sampling run launched "front
//    of the queue" raises the items it fills, so fresh model answers need not wait behind
//    thousands of older items);
//  - then items already started by others (so items complete and reach
//    their final ranking instead of many items each getting one ranking), then
//    the oldest. "Started" is read as: has submitted rankings (Item.rankingCount),
//    then oldest first — items are leased oldest first, so an item someone holds a
//    lease on is older than every untouched one and comes before them anyway. This
//    order matches an index (projectId, status, priority DESC, rankingCount DESC, createdAt, id),
//    so the walk stops at the first free item instead of counting the slots of
//    every open item (bench/queue.ts: ~1 s → a few ms per pick at 3,000 items).
//
// Queue order (queue-order.ts): a project may order its open items by the chosen reward model's
// uncertainty instead, keeping a random share; priority, the slot rule and "never twice to one
// person" hold the same in every order, and each assignment records how it was picked (pickedBy).
//
// Gold items (app/_lib/gold) are drawn first, at the project's rate, unannounced: a GOLD item
// the annotator has not had yet, with no slot count (everyone ranks each gold item once).
//
// Concurrency: the candidate row is picked with FOR UPDATE SKIP LOCKED, so 50
// annotators asking at once each lock a different item instead of queueing on
// the same one; the slot count is then re-read under the lock (the pick's own
// snapshot may predate an assignment committed a moment ago) and a stale pick is
// simply retried. Two requests of the same annotator (double click, two tabs) are
// serialised by a transaction-scoped advisory lock, so they resume the same lease
// instead of taking two.
import "server-only";
import type { PickReason } from "@/app/_generated/prisma/enums";
import { db } from "../db";
import { AppError } from "../errors";
import { pickGoldItem } from "../gold/pick-gold-item";
import { displayOrderFor } from "../ranking/shuffle";
import type { NextItemResult } from "./assignment-view";
import { expireLeases } from "./expire-leases";
import { loadAssignmentView } from "./load-assignment-view";
import { pickOrder, pickReason } from "./queue-order";
import { occupiedSlots } from "./slots";

const MAX_PICKS = 8;

export async function nextItem(opts: { projectId: string; annotatorId: string; now?: Date }): Promise<NextItemResult> {
  const now = opts.now ?? new Date();
  const project = await db.project.findUnique({
    where: { id: opts.projectId },
    select: { id: true, k: true, annotatorsPerItem: true, leaseMinutes: true, goldRate: true, queueOrder: true, randomShare: true, rewardModelId: true },
  });
  if (!project) throw new AppError("NOT_FOUND", `Project ${opts.projectId} not found`);

  // Housekeeping that keeps statuses truthful for dashboards; the slot rule below
  // does not depend on it (it reads leaseExpiresAt directly). Swept across all
  // projects: it only touches lapsed leases, found through the (status,
  // leaseExpiresAt) index, whereas filtering by project would join every item.
  await expireLeases({ now });

  const assignmentId = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`next-item:${opts.annotatorId}`}))`;

      // driven by the annotator's few active assignments (index annotatorId, status), not by the project's items
      const [current] = await tx.$queryRaw<{ id: string }[]>`
        SELECT a.id FROM "Assignment" a JOIN "Item" i ON i.id = a."itemId"
        WHERE a."annotatorId" = ${opts.annotatorId} AND a.status = 'ACTIVE' AND a."leaseExpiresAt" > ${now.toISOString()}::timestamp
          AND i."projectId" = ${project.id} AND i.status IN ('OPEN', 'GOLD')
        ORDER BY a."createdAt" LIMIT 1`;
      if (current) return current.id;

      /** Leases the item to the annotator, in their own display order. */
      const lease = async (itemId: string, pickedBy: PickReason) => {
        const assignment = await tx.assignment.create({
          data: {
            itemId,
            annotatorId: opts.annotatorId,
            displayOrder: displayOrderFor(itemId, opts.annotatorId, project.k),
            leaseExpiresAt: new Date(now.getTime() + project.leaseMinutes * 60_000),
            pickedBy,
            createdAt: now,
          },
          select: { id: true },
        });
        return assignment.id;
      };

      // no item lock needed: gold items have no slots, and this annotator's requests are serialised above
      const goldId = await pickGoldItem(tx, { projectId: project.id, annotatorId: opts.annotatorId, rate: project.goldRate });
      if (goldId) return lease(goldId, "GOLD");

      // how many items this annotator was served here seeds the random share: counted only when there is one
      const byModel = project.queueOrder === "UNCERTAINTY_FIRST" && project.rewardModelId !== null;
      const [{ served }] = byModel
        ? await tx.$queryRaw<{ served: number }[]>`
            SELECT count(*)::int AS served FROM "Assignment" a JOIN "Item" i ON i.id = a."itemId"
            WHERE a."annotatorId" = ${opts.annotatorId} AND i."projectId" = ${project.id}`
        : [{ served: 0 }];
      const reason = pickReason({ ...project, projectId: project.id, annotatorId: opts.annotatorId, served });
      const order = pickOrder(reason, { rewardModelId: project.rewardModelId, salt: `${opts.annotatorId}:${served}` });

      for (let attempt = 0; attempt < MAX_PICKS; attempt++) {
        const picked = await tx.$queryRaw<{ id: string }[]>`
          SELECT i.id FROM "Item" i ${order.join}
          WHERE i."projectId" = ${project.id}
            AND i.status = 'OPEN'
            AND NOT EXISTS (SELECT 1 FROM "Assignment" mine WHERE mine."itemId" = i.id AND mine."annotatorId" = ${opts.annotatorId})
            AND (SELECT count(*) FROM "Assignment" a WHERE a."itemId" = i.id
                   AND (a.status = 'SUBMITTED' OR (a.status = 'ACTIVE' AND a."leaseExpiresAt" > ${now.toISOString()}::timestamp))) < ${project.annotatorsPerItem}
          ORDER BY ${order.orderBy}
          LIMIT 1
          FOR UPDATE OF i SKIP LOCKED`;
        if (picked.length === 0) return null;
        const itemId = picked[0].id;
        // re-count under the lock: the pick may have seen a stale count
        if ((await occupiedSlots(tx, { itemId, now })) >= project.annotatorsPerItem) continue;

        return lease(itemId, reason);
      }
      throw new AppError("CONFLICT", "The queue is busy right now; ask for the next item again");
    },
    { maxWait: 15_000, timeout: 15_000 },
  );

  if (!assignmentId) return { assignment: null };
  return { assignment: await loadAssignmentView(db, { assignmentId, annotatorId: opts.annotatorId, now }) };
}
