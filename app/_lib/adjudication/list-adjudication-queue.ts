// The adjudication queue: items whose rankings disagree (status ADJUDICATION),
// oldest first, without the items the adjudicator ranked themselves — nobody
// settles a dispute they are part of.
import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { splitPrompt } from "../assignment/prompt";
import type { AdjudicationProject, AdjudicationQueue } from "./adjudication-view";

const EXCERPT_CHARS = 80;

export async function listAdjudicationQueue(opts: { projectId: string; adjudicatorId: string; take?: number; skip?: number }): Promise<AdjudicationQueue> {
  const project = await db.project.findUnique({ where: { id: opts.projectId }, select: { id: true } });
  if (!project) throw new AppError("NOT_FOUND", `Project ${opts.projectId} not found`);
  const where = {
    projectId: project.id,
    status: "ADJUDICATION" as const,
    rankings: { none: { annotatorId: opts.adjudicatorId } },
  };
  const [total, items] = await Promise.all([
    db.item.count({ where }),
    db.item.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: opts.take ?? 50,
      skip: opts.skip ?? 0,
      select: { id: true, turnIndex: true, prompt: true, rankingCount: true, createdAt: true, dialogue: { select: { department: true } } },
    }),
  ]);
  return {
    projectId: project.id,
    total,
    items: items.map((i) => {
      const { patientMessage } = splitPrompt(i.id, i.prompt);
      return {
        itemId: i.id,
        turnIndex: i.turnIndex,
        department: i.dialogue.department,
        excerpt: patientMessage.length > EXCERPT_CHARS ? `${patientMessage.slice(0, EXCERPT_CHARS)}…` : patientMessage,
        rankingCount: i.rankingCount,
        createdAt: i.createdAt.toISOString(),
      };
    }),
  };
}

/** Projects with disputed items this adjudicator may settle, for the /adjudicate start page. */
export async function listAdjudicationProjects(opts: { adjudicatorId: string }): Promise<AdjudicationProject[]> {
  return db.$queryRaw<AdjudicationProject[]>`
    SELECT p.id, p.name, count(i.id)::int AS pending
    FROM "Project" p JOIN "Item" i ON i."projectId" = p.id
    WHERE i.status = 'ADJUDICATION'
      AND NOT EXISTS (SELECT 1 FROM "Ranking" r WHERE r."itemId" = i.id AND r."annotatorId" = ${opts.adjudicatorId})
    GROUP BY p.id, p.name, p."createdAt"
    ORDER BY p."createdAt" DESC`;
}

/** The oldest disputed item this adjudicator may settle, other than `except` (straight on after a decision). */
export async function nextDisputedItem(opts: { projectId: string; adjudicatorId: string; except?: string }): Promise<string | null> {
  const next = await db.item.findFirst({
    where: {
      projectId: opts.projectId,
      status: "ADJUDICATION",
      rankings: { none: { annotatorId: opts.adjudicatorId } },
      ...(opts.except ? { id: { not: opts.except } } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  return next?.id ?? null;
}
