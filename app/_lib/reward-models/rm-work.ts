// The reward-model work the app does in the background (rm-worker.ts runs it), derived from the
// database every time so that a restart loses nothing:
//  1. scores: every candidate of a project whose chosen RM is READY, and every candidate of a FINAL
//     item for the project's other READY RMs (the dashboard's model picker), that has no
//     CandidateScore for that model yet. Sampled candidates posted by an agent are scored here too
//     (pre-screening): stored, never shown to annotators.
//  2. uncertainty: once all of an item's candidates are scored, its smallest score margin
//     (rm-order.ts) — the order of an uncertainty-first queue.
//  3. agreement: one RmItemAgreement row per (model, FINAL item) that is not in the model's
//     training snapshot, written when missing or when the item was finalised again since (an
//     undone adjudication); the dashboard adds the rows up (app/_lib/metrics/rm-agreement.ts).
// Each call does one bounded batch and says how much it did; the worker calls it until idle.
import "server-only";
import { Prisma } from "@/app/_generated/prisma/client";
import type { ChatMessage } from "../chat";
import { db } from "../db";
import { sameOrder } from "../metrics/agreement";
import { compareOrders, ranksFromScores, smallestMargin } from "./rm-order";
import { scoreAnswers } from "./scoring";

const ITEMS_PER_BATCH = 32;
/** a model that failed to score is left alone this long, so that it cannot hold up the others */
const FAILED_MODEL_PAUSE_MS = 10 * 60_000;
const pausedUntil = new Map<string, number>();

type Pending = { rewardModelId: string; itemId: string };

/** (model, item) pairs with an unscored candidate, chosen models first. */
async function pendingScores(limit: number, only: Prisma.Sql): Promise<Pending[]> {
  const now = Date.now();
  const paused = [...pausedUntil].filter(([, until]) => until > now).map(([id]) => id);
  return db.$queryRaw<Pending[]>`
    SELECT "rewardModelId", "itemId" FROM (
      SELECT m.id AS "rewardModelId", i.id AS "itemId", 0 AS pass, i."createdAt"
      FROM "Project" p
      JOIN "RewardModel" m ON m.id = p."rewardModelId" AND m.status = 'READY'
      JOIN "Item" i ON i."projectId" = p.id
      WHERE TRUE ${only} AND EXISTS (SELECT 1 FROM "Candidate" c WHERE c."itemId" = i.id
                    AND NOT EXISTS (SELECT 1 FROM "CandidateScore" s WHERE s."rewardModelId" = m.id AND s."candidateId" = c.id))
      UNION ALL
      SELECT m.id, i.id, 1, i."createdAt"
      FROM "RewardModel" m
      JOIN "Item" i ON i."projectId" = m."projectId" AND i.status = 'FINAL'
      WHERE m.status = 'READY' ${only}
        AND EXISTS (SELECT 1 FROM "Candidate" c WHERE c."itemId" = i.id
                    AND NOT EXISTS (SELECT 1 FROM "CandidateScore" s WHERE s."rewardModelId" = m.id AND s."candidateId" = c.id))
    ) w
    WHERE NOT ("rewardModelId" = ANY(${paused}::text[]))
    ORDER BY pass, "createdAt", "itemId"
    LIMIT ${limit}`;
}

async function scoreItems(rewardModelId: string, itemIds: string[]): Promise<number> {
  const items = await db.item.findMany({
    where: { id: { in: itemIds } },
    select: {
      id: true,
      prompt: true,
      candidates: { where: { rmScores: { none: { rewardModelId } } }, select: { id: true, text: true }, orderBy: { position: "asc" } },
    },
  });
  const unscored = items.flatMap((item) => item.candidates.map((c) => ({ candidateId: c.id, messages: item.prompt as ChatMessage[], answer: c.text })));
  if (unscored.length === 0) return 0;
  const scores = await scoreAnswers(
    rewardModelId,
    unscored.map(({ messages, answer }) => ({ messages, answer })),
  );
  await db.candidateScore.createMany({
    data: unscored.map((t, i) => ({ rewardModelId, candidateId: t.candidateId, raw: scores[i].raw, normalized: scores[i].normalized })),
    skipDuplicates: true,
  });
  for (const item of items) await writeUncertainty(rewardModelId, item.id);
  return unscored.length;
}

async function writeUncertainty(rewardModelId: string, itemId: string) {
  const candidates = await db.candidate.findMany({
    where: { itemId },
    select: { rmScores: { where: { rewardModelId }, select: { normalized: true } } },
  });
  if (candidates.length < 2 || candidates.some((c) => c.rmScores.length === 0)) return;
  const minMargin = smallestMargin(candidates.map((c) => c.rmScores[0].normalized));
  await db.itemUncertainty.upsert({
    where: { rewardModelId_itemId: { rewardModelId, itemId } },
    create: { rewardModelId, itemId, minMargin },
    update: { minMargin },
  });
}

/** (model, FINAL item) pairs fully scored whose agreement row is missing or stale, outside the model's snapshot. */
async function pendingAgreements(limit: number, only: Prisma.Sql): Promise<Pending[]> {
  return db.$queryRaw<Pending[]>`
    SELECT m.id AS "rewardModelId", i.id AS "itemId"
    FROM "RewardModel" m
    JOIN "Item" i ON i.status = 'FINAL' AND i."finalizedAt" IS NOT NULL
      AND (i."projectId" = m."projectId" OR EXISTS (SELECT 1 FROM "Project" p WHERE p.id = i."projectId" AND p."rewardModelId" = m.id))
    LEFT JOIN "Snapshot" snap ON snap.id = m."snapshotId"
    WHERE m.status = 'READY' ${only}
      AND NOT EXISTS (SELECT 1 FROM "RmItemAgreement" a WHERE a."rewardModelId" = m.id AND a."itemId" = i.id AND a."finalizedAt" = i."finalizedAt")
      AND NOT EXISTS (SELECT 1 FROM "Candidate" c WHERE c."itemId" = i.id
                      AND NOT EXISTS (SELECT 1 FROM "CandidateScore" s WHERE s."rewardModelId" = m.id AND s."candidateId" = c.id))
      -- the snapshot's rankings.jsonl starts every line with the item's id: items it holds were seen in training
      AND (snap.id IS NULL OR strpos(snap.rankings, '{"id":' || to_json(i.id)::text || ',') = 0)
    ORDER BY i."finalizedAt", i.id
    LIMIT ${limit}`;
}

async function writeAgreement({ rewardModelId, itemId }: Pending): Promise<boolean> {
  const item = await db.item.findUniqueOrThrow({
    where: { id: itemId },
    select: {
      finalRanks: true,
      finalizedAt: true,
      candidates: { orderBy: { position: "asc" }, select: { rmScores: { where: { rewardModelId }, select: { raw: true } } } },
      rankings: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { annotatorId: true, ranks: true, flags: true } },
      assignments: { where: { status: "SUBMITTED" }, orderBy: { createdAt: "asc" }, take: 1, select: { pickedBy: true } },
    },
  });
  if (!item.finalizedAt || item.candidates.length !== item.finalRanks.length || item.candidates.some((c) => !c.rmScores.length)) return false;
  const rmRanks = ranksFromScores(item.candidates.map((c) => c.rmScores[0].raw));
  const vsFinal = compareOrders(rmRanks, item.finalRanks);
  const flags = new Set<string>();
  for (const r of item.rankings) for (const codes of Object.values((r.flags ?? {}) as Record<string, string[]>)) codes.forEach((c) => flags.add(c));
  const disputed = item.rankings.some((r) => !sameOrder(r.ranks, item.rankings[0].ranks));
  const annotators = disputed
    ? item.rankings.map((r) => {
        const c = compareOrders(rmRanks, r.ranks);
        return { annotatorId: r.annotatorId, n: c.pairs, agree: c.agree };
      })
    : [];
  const data = {
    finalizedAt: item.finalizedAt,
    pairs: vsFinal.pairs,
    agree: vsFinal.agree,
    top1: vsFinal.top1,
    tau: vsFinal.tau,
    flags: [...flags].sort(),
    pickedBy: item.assignments[0]?.pickedBy ?? null,
    annotators,
  };
  await db.rmItemAgreement.upsert({
    where: { rewardModelId_itemId: { rewardModelId, itemId } },
    create: { rewardModelId, itemId, ...data },
    update: data,
  });
  return true;
}

/** failedModels: models that could not score in this batch (paused, so the next batch goes on without them) */
export type RmWorkDone = { scoredCandidates: number; agreements: number; failedModels: number };

/** One bounded batch of the background work; zero counts mean there is nothing left to do. */
export async function runRmWork(opts: { itemsPerBatch?: number; projectId?: string } = {}): Promise<RmWorkDone> {
  const limit = opts.itemsPerBatch ?? ITEMS_PER_BATCH;
  // one project's work only (tests); the worker does every project's
  const only = opts.projectId ? Prisma.sql`AND i."projectId" = ${opts.projectId}` : Prisma.empty;
  let scoredCandidates = 0;
  let failedModels = 0;
  const pending = await pendingScores(limit, only);
  const byModel = new Map<string, string[]>();
  for (const p of pending) byModel.set(p.rewardModelId, [...(byModel.get(p.rewardModelId) ?? []), p.itemId]);
  for (const [rewardModelId, itemIds] of byModel) {
    try {
      scoredCandidates += await scoreItems(rewardModelId, itemIds);
    } catch (err) {
      // one model that cannot score (files gone, not READY any more) must not hold up the others
      pausedUntil.set(rewardModelId, Date.now() + FAILED_MODEL_PAUSE_MS);
      failedModels++;
      console.error(`[medrank] scoring with reward model ${rewardModelId} failed (retried in ${FAILED_MODEL_PAUSE_MS / 60_000} min):`, err instanceof Error ? err.message : err);
    }
  }

  let agreements = 0;
  for (const p of await pendingAgreements(limit, only)) if (await writeAgreement(p)) agreements++;
  return { scoredCandidates, agreements, failedModels };
}

/** Runs batches until nothing is left (tests, and the worker's loop). */
export async function runRmWorkUntilIdle(opts: { itemsPerBatch?: number; maxBatches?: number; projectId?: string } = {}): Promise<RmWorkDone> {
  const total = { scoredCandidates: 0, agreements: 0, failedModels: 0 };
  for (let i = 0; i < (opts.maxBatches ?? 10_000); i++) {
    const done = await runRmWork(opts);
    total.scoredCandidates += done.scoredCandidates;
    total.agreements += done.agreements;
    total.failedModels += done.failedModels;
    if (done.scoredCandidates === 0 && done.agreements === 0 && done.failedModels === 0) break;
  }
  return total;
}
