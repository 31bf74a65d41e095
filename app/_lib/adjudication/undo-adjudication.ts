// Take a decision back: its adjudicator, within the undo window (undo-window.ts), and only
// while no snapshot has exported it. Under the item's row lock: the adjudication is kept and
// marked undone (the audit log says who undid what), and the item returns to ADJUDICATION with
// its final order cleared, so it is back in every adjudicator's queue. Undoing twice is a no-op.
import "server-only";
import { audit } from "../audit";
import { db } from "../db";
import { AppError } from "../errors";
import { lockItem } from "../assignment/slots";
import { undoOpen } from "./undo-window";

export async function undoAdjudication(opts: {
  itemId: string;
  projectId: string;
  adjudicatorId: string;
  adjudicationId: string;
  now?: Date;
}): Promise<{ itemId: string; undone: boolean }> {
  const now = opts.now ?? new Date();
  return db.$transaction(
    async (tx) => {
      await lockItem(tx, opts.itemId);
      const adjudication = await tx.adjudication.findFirst({
        where: { id: opts.adjudicationId, itemId: opts.itemId, adjudicatorId: opts.adjudicatorId, item: { projectId: opts.projectId } },
        include: { item: { select: { status: true } } },
      });
      if (!adjudication) throw new AppError("NOT_FOUND", `No decision ${opts.adjudicationId} of yours on item ${opts.itemId}`);
      if (adjudication.undoneAt) return { itemId: opts.itemId, undone: false };
      if (!undoOpen(adjudication.createdAt, now)) throw new AppError("CONFLICT", "The time to undo this decision has passed; it is final");
      const exported = await tx.snapshot.findFirst({
        where: { projectId: opts.projectId, createdAt: { gte: adjudication.createdAt } },
        select: { version: true },
      });
      if (exported) throw new AppError("CONFLICT", `Snapshot v${exported.version} already exported this decision; it is final`);

      await tx.adjudication.update({ where: { id: adjudication.id }, data: { undoneAt: now } });
      await tx.item.update({
        where: { id: opts.itemId },
        data: { status: "ADJUDICATION", finalRanks: [], finalReplacement: null, adjudicated: false, finalizedAt: null },
      });
      await audit(tx, {
        actorId: opts.adjudicatorId,
        action: "adjudication.undo",
        entityType: "adjudication",
        entityId: adjudication.id,
        projectId: opts.projectId,
        data: { itemId: opts.itemId, ranks: adjudication.ranks, decidedAt: adjudication.createdAt.toISOString() },
      });
      return { itemId: opts.itemId, undone: true };
    },
    { maxWait: 15_000, timeout: 15_000 },
  );
}
