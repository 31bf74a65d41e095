// One disputed item with its N rankings side by side, for an adjudicator who did not rank it.
import "server-only";
import { db } from "../db";
import { splitPrompt } from "../assignment/prompt";
import { discordantPairs, evaluateDisagreement } from "../ranking/disagreement";
import type { CandidateFlags } from "../ranking/flags";
import type { AdjudicationItemView } from "./adjudication-view";
import { assertMayAdjudicate } from "./access";
import { ranksFromScores } from "../reward-models/rm-order";
import { pairMatrix } from "./pair-matrix";
import { mapCommentLetters, reviewOrder, stableLabels } from "./stable-labels";
import { UNDO_WINDOW_MS, undoOpen } from "./undo-window";

// "#1", "#2", … by submission order: numbers, because candidates are lettered (A, B, …) on screen
export const rankingLabel = (index: number) => `#${index + 1}`;

export async function getAdjudicationItem(opts: {
  itemId: string;
  projectId: string;
  adjudicatorId: string;
  now?: Date;
}): Promise<AdjudicationItemView> {
  const now = opts.now ?? new Date();
  await assertMayAdjudicate(db, opts);
  const item = await db.item.findUniqueOrThrow({
    where: { id: opts.itemId },
    include: {
      project: {
        select: {
          id: true,
          name: true,
          k: true,
          allowTies: true,
          disagreementRule: true,
          kendallThreshold: true,
          showRmAfterAdjudication: true,
          rewardModel: { select: { id: true, name: true } },
        },
      },
      dialogue: { select: { department: true } },
      candidates: { select: { position: true, text: true }, orderBy: { position: "asc" } },
      rankings: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { assignment: { select: { displayOrder: true } } } },
      adjudications: { where: { undoneAt: null }, orderBy: { createdAt: "desc" }, take: 1 },
    },
  });
  const labels = stableLabels(item.id, item.candidates.length);
  const rankings = item.rankings.map((r, index) => ({
    id: r.id,
    label: rankingLabel(index),
    ranks: r.ranks,
    flags: r.flags as CandidateFlags,
    replacement: r.replacement,
    comment: r.comment,
    commentParts: r.comment === null ? null : mapCommentLetters(r.comment, r.assignment.displayOrder, labels),
    durationMs: r.durationMs,
  }));
  const verdict =
    rankings.length >= 2
      ? evaluateDisagreement(rankings, { rule: item.project.disagreementRule, kendallThreshold: item.project.kendallThreshold })
      : null;
  const order = reviewOrder(item.id, item.candidates.length);
  const decision = item.status === "FINAL" ? item.adjudications[0] : undefined;
  const byMe = decision?.adjudicatorId === opts.adjudicatorId;

  const { showRmAfterAdjudication, rewardModel, ...project } = item.project;
  const rmOrder = decision && showRmAfterAdjudication && rewardModel ? await rewardModelOrder(item.id, rewardModel) : null;

  return {
    project,
    item: {
      id: item.id,
      status: item.status as "ADJUDICATION" | "FINAL",
      turnIndex: item.turnIndex,
      department: item.dialogue.department,
      ...splitPrompt(item.id, item.prompt),
    },
    candidates: order.map((position) => ({ position, label: labels.get(position)!, text: item.candidates[position].text })),
    rankings,
    reason: verdict?.disagree ? verdict.reason : null,
    meanTau: verdict?.meanTau ?? null,
    discordantPairs: discordantPairs(rankings),
    pairs: pairMatrix(order, rankings),
    decision: decision
      ? {
          adjudicationId: decision.id,
          byMe,
          ranks: decision.ranks,
          replacement: decision.replacement,
          adoptedLabel: rankings.find((r) => r.id === decision.adoptedRankingId)?.label ?? null,
          note: decision.note,
          createdAt: decision.createdAt.toISOString(),
          undoUntil: byMe && undoOpen(decision.createdAt, now) ? new Date(decision.createdAt.getTime() + UNDO_WINDOW_MS).toISOString() : null,
        }
      : null,
    rmOrder,
    rmAid: showRmAfterAdjudication && rewardModel !== null,
  };
}

async function rewardModelOrder(itemId: string, model: { id: string; name: string }): Promise<NonNullable<AdjudicationItemView["rmOrder"]>> {
  const candidates = await db.candidate.findMany({
    where: { itemId },
    orderBy: { position: "asc" },
    select: { rmScores: { where: { rewardModelId: model.id }, select: { raw: true } } },
  });
  const scored = candidates.every((c) => c.rmScores.length === 1);
  return { rewardModelName: model.name, ranks: scored ? ranksFromScores(candidates.map((c) => c.rmScores[0].raw)) : null };
}
