// The gold branch of "next item" (assignment/next-item.ts calls it inside its transaction,
// under the annotator's advisory lock). A gold item is served to every annotator once — no slot
// count, it is never settled — so nothing but the unique [itemId, annotatorId] of the assignment
// guards it, and the advisory lock already serialises one annotator's requests.
import "server-only";
import type { Tx } from "../db";
import { drawsGold } from "./gold-draw";

export async function pickGoldItem(tx: Tx, opts: { projectId: string; annotatorId: string; rate: number }): Promise<string | null> {
  if (opts.rate <= 0) return null;
  const [{ served }] = await tx.$queryRaw<{ served: number }[]>`
    SELECT count(*)::int AS served FROM "Assignment" a JOIN "Item" i ON i.id = a."itemId"
    WHERE a."annotatorId" = ${opts.annotatorId} AND i."projectId" = ${opts.projectId}`;
  if (!drawsGold({ projectId: opts.projectId, annotatorId: opts.annotatorId, served, rate: opts.rate })) return null;
  // a different order of the gold items for each annotator, so they do not all meet the same one first
  const [gold] = await tx.$queryRaw<{ id: string }[]>`
    SELECT i.id FROM "Item" i
    WHERE i."projectId" = ${opts.projectId} AND i.status = 'GOLD'
      AND NOT EXISTS (SELECT 1 FROM "Assignment" mine WHERE mine."itemId" = i.id AND mine."annotatorId" = ${opts.annotatorId})
    ORDER BY md5(i.id || ${opts.annotatorId})
    LIMIT 1`;
  return gold?.id ?? null;
}
