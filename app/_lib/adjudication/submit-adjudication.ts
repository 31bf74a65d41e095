// Settle a disputed item: the adjudicator adopts one ranking or sets a new order,
// with a note. Under the item's row lock, in one transaction: the item must still
// be in ADJUDICATION — when two adjudicators race, the second gets 409 and nothing
// is written. The same adjudicator sending the same decision again (a retry) gets
// the stored decision back. A decision can be taken back for a short while
// (undo-adjudication.ts); one that was undone no longer counts here.
import "server-only";
import { audit } from "../audit";
import { db } from "../db";
import { AppError } from "../errors";
import { lockItem } from "../assignment/slots";
import { normalizeRanks, rankProblems, sameRanks } from "../ranking/ranks";
import { cleanReplacement } from "../ranking/replacement";
import { assertMayAdjudicate } from "./access";
import type { SubmitAdjudicationBody } from "./submit-adjudication.schema";
import { UNDO_WINDOW_MS } from "./undo-window";

export type AdjudicationResult = {
  adjudicationId: string;
  itemId: string;
  ranks: number[];
  replacement: string | null;
  created: boolean;
  /** the end of the undo window shown to the adjudicator (undo-window.ts) */
  undoUntil: string;
};

const undoUntil = (decidedAt: Date) => new Date(decidedAt.getTime() + UNDO_WINDOW_MS).toISOString();

export async function submitAdjudication(opts: {
  itemId: string;
  projectId: string;
  adjudicatorId: string;
  body: SubmitAdjudicationBody;
  now?: Date;
}): Promise<AdjudicationResult> {
  const now = opts.now ?? new Date();
  return db.$transaction(
    async (tx) => {
      await lockItem(tx, opts.itemId);
      const { status } = await assertMayAdjudicate(tx, opts);
      const item = await tx.item.findUniqueOrThrow({
        where: { id: opts.itemId },
        include: { project: true, rankings: { select: { id: true, ranks: true, replacement: true } } },
      });
      const { project } = item;

      let ranks: number[];
      let replacement: string | null;
      let adoptedRankingId: string | null = null;
      if (opts.body.mode === "adopt") {
        const { rankingId } = opts.body;
        const adopted = item.rankings.find((r) => r.id === rankingId);
        if (!adopted) throw new AppError("VALIDATION", `invalid body: rankingId: ${rankingId} is not a ranking of item ${item.id}`);
        ranks = adopted.ranks;
        replacement = adopted.replacement;
        adoptedRankingId = adopted.id;
      } else {
        const problems = rankProblems(opts.body.ranks, { k: project.k, allowTies: project.allowTies });
        if (problems.length > 0) {
          throw new AppError("VALIDATION", `invalid body: ${problems[0].path}: ${problems[0].message}`, { issues: problems });
        }
        ranks = normalizeRanks(opts.body.ranks);
        replacement = cleanReplacement(opts.body.replacement);
      }
      const note = opts.body.note.trim();

      if (status === "FINAL") {
        const last = await tx.adjudication.findFirst({ where: { itemId: item.id, undoneAt: null }, orderBy: { createdAt: "desc" } });
        const retry =
          last &&
          last.adjudicatorId === opts.adjudicatorId &&
          sameRanks(last.ranks, ranks) &&
          last.replacement === replacement &&
          last.adoptedRankingId === adoptedRankingId &&
          last.note === note;
        if (retry) {
          return { adjudicationId: last.id, itemId: item.id, ranks: last.ranks, replacement: last.replacement, created: false, undoUntil: undoUntil(last.createdAt) };
        }
        throw new AppError(
          "CONFLICT",
          last?.adjudicatorId === opts.adjudicatorId
            ? "You already adjudicated this item with a different decision; it is final"
            : "This item has already been adjudicated by another adjudicator",
        );
      }

      const adjudication = await tx.adjudication.create({
        data: { itemId: item.id, adjudicatorId: opts.adjudicatorId, ranks, replacement, adoptedRankingId, note, createdAt: now },
      });
      await tx.item.update({
        where: { id: item.id },
        data: { status: "FINAL", finalRanks: ranks, finalReplacement: replacement, adjudicated: true, finalizedAt: now },
      });
      await audit(tx, {
        actorId: opts.adjudicatorId,
        action: "adjudication.create",
        entityType: "adjudication",
        entityId: adjudication.id,
        projectId: project.id,
        data: { itemId: item.id, ranks, replacement: replacement !== null, adoptedRankingId, note },
      });
      return { adjudicationId: adjudication.id, itemId: item.id, ranks, replacement, created: true, undoUntil: undoUntil(now) };
    },
    { maxWait: 15_000, timeout: 15_000 },
  );
}
