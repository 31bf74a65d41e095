// One disputed item with its N rankings side by side, for an adjudicator who did not rank it.
import "server-only";
import { db } from "../db";
import { splitPrompt } from "../assignment/prompt";
import { discordantPairs, evaluateDisagreement } from "../ranking/disagreement";
import type { CandidateFlags } from "../ranking/flags";
import { displayOrderFor } from "../ranking/shuffle";
import type { AdjudicationItemView } from "./adjudication-view";
import { assertMayAdjudicate } from "./access";

// "#1", "#2", … by submission order: numbers, because candidates are lettered (A, B, …) on screen
export const rankingLabel = (index: number) => `#${index + 1}`;

export async function getAdjudicationItem(opts: { itemId: string; projectId: string; adjudicatorId: string }): Promise<AdjudicationItemView> {
  await assertMayAdjudicate(db, opts);
  const item = await db.item.findUniqueOrThrow({
    where: { id: opts.itemId },
    include: {
      project: { select: { id: true, name: true, k: true, allowTies: true, disagreementRule: true, kendallThreshold: true } },
      dialogue: { select: { department: true } },
      candidates: { select: { position: true, text: true }, orderBy: { position: "asc" } },
      rankings: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      adjudications: { orderBy: { createdAt: "desc" }, take: 1 },
    },
  });
  const rankings = item.rankings.map((r, index) => ({
    id: r.id,
    label: rankingLabel(index),
    ranks: r.ranks,
    flags: r.flags as CandidateFlags,
    replacement: r.replacement,
    comment: r.comment,
    durationMs: r.durationMs,
  }));
  const verdict =
    rankings.length >= 2
      ? evaluateDisagreement(rankings, { rule: item.project.disagreementRule, kendallThreshold: item.project.kendallThreshold })
      : null;
  // the adjudicator gets a shuffled order too, so candidate position 0 (often the reference) is not always first
  const order = displayOrderFor(item.id, opts.adjudicatorId, item.candidates.length);
  const decision = item.status === "FINAL" ? item.adjudications[0] : undefined;

  return {
    project: item.project,
    item: {
      id: item.id,
      status: item.status as "ADJUDICATION" | "FINAL",
      turnIndex: item.turnIndex,
      department: item.dialogue.department,
      ...splitPrompt(item.id, item.prompt),
    },
    candidates: order.map((position) => item.candidates[position]),
    rankings,
    reason: verdict?.disagree ? verdict.reason : null,
    meanTau: verdict?.meanTau ?? null,
    discordantPairs: discordantPairs(rankings),
    decision: decision
      ? {
          adjudicationId: decision.id,
          byMe: decision.adjudicatorId === opts.adjudicatorId,
          ranks: decision.ranks,
          replacement: decision.replacement,
          adoptedLabel: rankings.find((r) => r.id === decision.adoptedRankingId)?.label ?? null,
          note: decision.note,
          createdAt: decision.createdAt.toISOString(),
        }
      : null,
  };
}
