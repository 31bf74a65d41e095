// How the next regular (non-gold) item is chosen, per project setting (Project.queueOrder):
//  - OLDEST_FIRST: priority, then items already started by others, then the oldest (DEFAULT);
//  - UNCERTAINTY_FIRST with a chosen reward model: priority, then the item the model is least sure
//    about (the smallest margin between two of its candidates' scores, ItemUncertainty), items not
//    scored yet last (UNCERTAINTY) — except a share of picks (Project.randomShare) drawn at random
//    among the open items (RANDOM), so that what gets ranked stays representative of the data and
//    the dashboard can compare the two.
// The random draw is a hash of (project, annotator, how many items they were served so far), like
// the gold draw: unpredictable to the annotator, reproducible in a test.
import { Prisma } from "@/app/_generated/prisma/client";
import type { PickReason, QueueOrder } from "@/app/_generated/prisma/enums";
import { unitHash } from "../gold/gold-draw";

export function drawsRandom(opts: { projectId: string; annotatorId: string; served: number; share: number }): boolean {
  if (opts.share <= 0) return false;
  return unitHash(`random:${opts.projectId}:${opts.annotatorId}:${opts.served}`) < opts.share;
}

export function pickReason(opts: {
  queueOrder: QueueOrder;
  rewardModelId: string | null;
  projectId: string;
  annotatorId: string;
  served: number;
  randomShare: number;
}): Exclude<PickReason, "GOLD"> {
  if (opts.queueOrder !== "UNCERTAINTY_FIRST" || !opts.rewardModelId) return "DEFAULT";
  return drawsRandom({ projectId: opts.projectId, annotatorId: opts.annotatorId, served: opts.served, share: opts.randomShare }) ? "RANDOM" : "UNCERTAINTY";
}

/** The FROM … ORDER BY parts of the pick query for a reason (the WHERE is the same for all). */
export function pickOrder(reason: Exclude<PickReason, "GOLD">, opts: { rewardModelId: string | null; salt: string }): { join: Prisma.Sql; orderBy: Prisma.Sql } {
  switch (reason) {
    case "UNCERTAINTY":
      return {
        join: Prisma.sql`LEFT JOIN "ItemUncertainty" u ON u."itemId" = i.id AND u."rewardModelId" = ${opts.rewardModelId}`,
        orderBy: Prisma.sql`i.priority DESC, u."minMargin" ASC NULLS LAST, i."rankingCount" DESC, i."createdAt", i.id`,
      };
    case "RANDOM":
      return { join: Prisma.empty, orderBy: Prisma.sql`i.priority DESC, md5(i.id || ${opts.salt}), i.id` };
    case "DEFAULT":
      return { join: Prisma.empty, orderBy: Prisma.sql`i.priority DESC, i."rankingCount" DESC, i."createdAt", i.id` };
  }
}
