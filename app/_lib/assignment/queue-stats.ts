// What is left for one annotator: per project (the annotate page header) and
// across projects (the /annotate start page). Same slot rule as next-item.ts.
import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import type { QueueStats } from "./assignment-view";

export type AnnotationProject = { id: string; name: string; description: string; k: number; available: number; submitted: number };

/** Projects with items this annotator could still be given, or has ranked. */
export async function listAnnotationProjects(opts: { annotatorId: string; now?: Date }): Promise<AnnotationProject[]> {
  const now = (opts.now ?? new Date()).toISOString();
  return db.$queryRaw<AnnotationProject[]>`
    SELECT p.id, p.name, p.description, p.k,
      (SELECT count(*)::int FROM "Item" i
        WHERE i."projectId" = p.id AND i.status = 'OPEN'
          AND NOT EXISTS (SELECT 1 FROM "Assignment" mine WHERE mine."itemId" = i.id AND mine."annotatorId" = ${opts.annotatorId})
          AND (SELECT count(*) FROM "Assignment" a WHERE a."itemId" = i.id
                AND (a.status = 'SUBMITTED' OR (a.status = 'ACTIVE' AND a."leaseExpiresAt" > ${now}::timestamp))) < p."annotatorsPerItem"
      ) AS available,
      (SELECT count(*)::int FROM "Ranking" r JOIN "Item" i ON i.id = r."itemId"
        WHERE i."projectId" = p.id AND r."annotatorId" = ${opts.annotatorId}) AS submitted
    FROM "Project" p
    WHERE EXISTS (SELECT 1 FROM "Item" i WHERE i."projectId" = p.id AND i.status <> 'AWAITING_CANDIDATES')
    ORDER BY p."createdAt" DESC`;
}

export async function queueStats(opts: { projectId: string; annotatorId: string; now?: Date }): Promise<QueueStats> {
  const now = opts.now ?? new Date();
  const project = await db.project.findUnique({ where: { id: opts.projectId }, select: { id: true, annotatorsPerItem: true } });
  if (!project) throw new AppError("NOT_FOUND", `Project ${opts.projectId} not found`);
  const [[{ available }], grouped, active] = await Promise.all([
    db.$queryRaw<{ available: number }[]>`
      SELECT count(*)::int AS available FROM "Item" i
      WHERE i."projectId" = ${project.id} AND i.status = 'OPEN'
        AND NOT EXISTS (SELECT 1 FROM "Assignment" mine WHERE mine."itemId" = i.id AND mine."annotatorId" = ${opts.annotatorId})
        AND (SELECT count(*) FROM "Assignment" a WHERE a."itemId" = i.id
              AND (a.status = 'SUBMITTED' OR (a.status = 'ACTIVE' AND a."leaseExpiresAt" > ${now.toISOString()}::timestamp))) < ${project.annotatorsPerItem}`,
    db.assignment.groupBy({
      by: ["status"],
      where: { annotatorId: opts.annotatorId, item: { projectId: project.id }, status: { in: ["SUBMITTED", "SKIPPED"] } },
      _count: { _all: true },
    }),
    db.assignment.findFirst({
      where: { annotatorId: opts.annotatorId, status: "ACTIVE", leaseExpiresAt: { gt: now }, item: { projectId: project.id, status: "OPEN" } },
      select: { id: true },
    }),
  ]);
  const count = (s: string) => grouped.find((g) => g.status === s)?._count._all ?? 0;
  return { projectId: project.id, available, submitted: count("SUBMITTED"), skipped: count("SKIPPED"), activeAssignmentId: active?.id ?? null };
}
