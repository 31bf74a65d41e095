// Once an item has its N rankings: FINAL with their common order, or ADJUDICATION
// when they disagree under the project's rule. Runs inside the transaction of the
// last submit, so an item is never left OPEN with all its rankings in.
import "server-only";
import type { Tx } from "../db";
import { audit } from "../audit";
import { consensusOrder } from "../ranking/consensus";
import { evaluateDisagreement } from "../ranking/disagreement";

export async function settleItem(
  tx: Tx,
  opts: {
    item: { id: string; projectId: string };
    project: { annotatorsPerItem: number; allowTies: boolean; disagreementRule: "ANY_ORDER" | "TOP1" | "KENDALL"; kendallThreshold: number | null };
    actorId: string;
    now: Date;
  },
): Promise<"OPEN" | "FINAL" | "ADJUDICATION"> {
  const rankings = await tx.ranking.findMany({
    where: { itemId: opts.item.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, ranks: true, replacement: true },
  });
  if (rankings.length < opts.project.annotatorsPerItem) return "OPEN";

  const verdict = evaluateDisagreement(rankings, { rule: opts.project.disagreementRule, kendallThreshold: opts.project.kendallThreshold });
  if (verdict.disagree) {
    await tx.item.update({ where: { id: opts.item.id }, data: { status: "ADJUDICATION" } });
    await audit(tx, {
      actorId: opts.actorId,
      action: "item.disputed",
      entityType: "item",
      entityId: opts.item.id,
      projectId: opts.item.projectId,
      data: { rule: opts.project.disagreementRule, reason: verdict.reason, meanTau: verdict.meanTau, rankingIds: rankings.map((r) => r.id) },
    });
    return "ADJUDICATION";
  }
  const final = consensusOrder(rankings, { allowTies: opts.project.allowTies });
  await tx.item.update({
    where: { id: opts.item.id },
    data: { status: "FINAL", finalRanks: final.ranks, finalReplacement: final.replacement, adjudicated: false, finalizedAt: opts.now },
  });
  await audit(tx, {
    actorId: opts.actorId,
    action: "item.final",
    entityType: "item",
    entityId: opts.item.id,
    projectId: opts.item.projectId,
    data: { by: "consensus", rule: opts.project.disagreementRule, meanTau: verdict.meanTau, finalRanks: final.ranks, rankingIds: rankings.map((r) => r.id) },
  });
  return "FINAL";
}
