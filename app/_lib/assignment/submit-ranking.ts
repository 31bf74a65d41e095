// Submit an annotator's ranking of their assignment.
//
// Rules (all here, in one transaction under the item's row lock):
//  - scoped by annotator: someone else's assignment is 404, never revealed;
//  - idempotent: resubmitting the same ranking returns the stored one; a different
//    ranking for an already-submitted assignment is 409. "Same" compares the
//    judgment — ranks (tie notation normalised), flags, replacement, comment — and
//    ignores durationMs, which a client retry may measure differently;
//  - a skipped assignment cannot be ranked (409);
//  - every answer must be placed by the annotator: a ranking with an unplaced answer (null or
//    missing entry) is 422 with reason NOT_PLACED naming the answers; ranks and flags must fit
//    the project (K, ties) — 422 naming the field;
//  - recorded with the ranking for the quality checks: whether the order differs from the order
//    the candidates were shown in, and how long the item was open (lease start → submit);
//  - late submits: a ranking sent after the lease lapsed is still saved when the
//    item is OPEN and its slot was not taken meanwhile (fewer than N other
//    occupying assignments); otherwise 409 and nothing is written. No ranking is
//    lost silently: the client is told, and keeps the form content;
//  - the N-th ranking settles the item (FINAL or ADJUDICATION) in the same
//    transaction (settle-item.ts) — a GOLD item never settles, it is scored; the assignment's draft is deleted with the submit.
// Conflicts carry a reason (assignment-conflicts.ts), e.g. ALREADY_SUBMITTED for an item ranked
// in another tab, so the client can say so and move on.
// The response carries only the annotator's own ranking: the item's outcome would
// reveal that another ranking exists.
import "server-only";
import { audit } from "../audit";
import { db } from "../db";
import { AppError } from "../errors";
import { assignmentRefusal } from "./assignment-conflicts";
import { differsFromDisplayOrder } from "./display-order";
import { missingAssignmentError } from "./missing-assignment";
import { type CandidateFlags, flagProblems, normalizeFlags } from "../ranking/flags";
import { normalizeRanks, rankProblems, sameRanks } from "../ranking/ranks";
import { cleanReplacement } from "../ranking/replacement";
import type { OwnRanking } from "./assignment-view";
import type { SubmitRankingBody } from "./submit-ranking.schema";
import { settleItem } from "./settle-item";
import { lockItem, occupiedSlots } from "./slots";

/** the largest value an Int column holds (~24.8 days): a longer-open item is recorded at that */
const MAX_OPEN_MS = 2_147_483_647;

const cleanComment = (c: string | null | undefined) => (c?.trim() ? c.trim() : null);

export type SubmitRankingResult = { ranking: OwnRanking; created: boolean };

export async function submitRanking(opts: {
  assignmentId: string;
  annotatorId: string;
  body: SubmitRankingBody;
  now?: Date;
}): Promise<SubmitRankingResult> {
  const now = opts.now ?? new Date();
  return db.$transaction(
    async (tx) => {
      const scoped = await tx.assignment.findFirst({
        where: { id: opts.assignmentId, annotatorId: opts.annotatorId },
        select: { itemId: true },
      });
      if (!scoped) throw await missingAssignmentError(tx, opts.assignmentId);
      await lockItem(tx, scoped.itemId);

      // re-read under the lock: a concurrent identical submit may have landed
      const assignment = await tx.assignment.findUniqueOrThrow({
        where: { id: opts.assignmentId },
        include: { ranking: true, item: { include: { project: true } } },
      });
      const { item } = assignment;
      const { project } = item;

      const unplaced = Array.from({ length: project.k }, (_, i) => i).filter((i) => opts.body.ranks[i] === null || opts.body.ranks[i] === undefined);
      if (unplaced.length > 0 && opts.body.ranks.length <= project.k) {
        throw assignmentRefusal(
          "NOT_PLACED",
          `every answer must be placed before submitting: ranks[${unplaced.join("], ranks[")}] ${unplaced.length === 1 ? "has" : "have"} no place (candidate positions ${unplaced.join(", ")})`,
          { unplaced },
        );
      }
      const submitted = opts.body.ranks.map((r) => r ?? 0);
      const problems = [
        ...rankProblems(submitted, { k: project.k, allowTies: project.allowTies }),
        ...flagProblems(opts.body.flags, project.k),
      ];
      if (problems.length > 0) {
        throw new AppError("VALIDATION", `invalid body: ${problems[0].path}: ${problems[0].message}`, { issues: problems });
      }
      const ranks = normalizeRanks(submitted);
      const flags = normalizeFlags(opts.body.flags);
      const replacement = cleanReplacement(opts.body.replacement);
      const comment = cleanComment(opts.body.comment);

      if (assignment.ranking) {
        const r = assignment.ranking;
        const same =
          sameRanks(r.ranks, ranks) &&
          JSON.stringify(r.flags) === JSON.stringify(flags) &&
          r.replacement === replacement &&
          r.comment === comment;
        if (!same) {
          throw assignmentRefusal("ALREADY_SUBMITTED", "This assignment already has a different ranking (submitted in another tab or on another device); a submitted ranking cannot be changed");
        }
        return { ranking: toOwnRanking(r), created: false };
      }
      if (assignment.status === "SKIPPED") throw assignmentRefusal("ALREADY_SKIPPED", "You skipped this item; it can no longer be ranked");
      // a GOLD item (app/_lib/gold) takes every annotator's ranking and is never settled
      const gold = item.status === "GOLD";
      if (item.status !== "OPEN" && !gold) {
        throw assignmentRefusal("ITEM_SETTLED", "Your lease expired and this item no longer needs a ranking; your ranking was not saved");
      }
      const leaseLapsed = assignment.status === "EXPIRED" || assignment.leaseExpiresAt <= now;
      if (leaseLapsed && !gold) {
        const others = await occupiedSlots(tx, { itemId: item.id, now, excludeAssignmentId: assignment.id });
        if (others >= project.annotatorsPerItem) {
          throw assignmentRefusal("SLOT_TAKEN", "Your lease expired and the item was given to another annotator; your ranking was not saved");
        }
      }

      const ranking = await tx.ranking.create({
        data: {
          assignmentId: assignment.id,
          itemId: item.id,
          annotatorId: opts.annotatorId,
          ranks,
          flags,
          replacement,
          comment,
          durationMs: opts.body.durationMs,
          differsFromDisplayOrder: differsFromDisplayOrder(ranks, assignment.displayOrder),
          openMs: Math.min(MAX_OPEN_MS, Math.max(0, now.getTime() - assignment.createdAt.getTime())),
          createdAt: now,
        },
      });
      await tx.assignmentDraft.deleteMany({ where: { assignmentId: assignment.id } });
      await tx.assignment.update({ where: { id: assignment.id }, data: { status: "SUBMITTED", finishedAt: now } });
      await tx.item.update({ where: { id: item.id }, data: { rankingCount: { increment: 1 } } });
      await audit(tx, {
        actorId: opts.annotatorId,
        action: "ranking.submit",
        entityType: "ranking",
        entityId: ranking.id,
        projectId: project.id,
        data: { itemId: item.id, assignmentId: assignment.id, ranks, replacement: replacement !== null, late: leaseLapsed, durationMs: opts.body.durationMs },
      });
      if (!gold) await settleItem(tx, { item, project, actorId: opts.annotatorId, now });
      return { ranking: toOwnRanking(ranking), created: true };
    },
    { maxWait: 15_000, timeout: 15_000 },
  );
}

function toOwnRanking(r: {
  id: string;
  ranks: number[];
  flags: unknown;
  replacement: string | null;
  comment: string | null;
  durationMs: number;
  createdAt: Date;
}): OwnRanking {
  return {
    id: r.id,
    ranks: r.ranks,
    flags: r.flags as CandidateFlags,
    replacement: r.replacement,
    comment: r.comment,
    durationMs: r.durationMs,
    createdAt: r.createdAt.toISOString(),
  };
}
