// Everything the project dashboard shows, computed from the project's items, rankings and
// assignments: progress, per-annotator throughput, agreement, position bias.
import "server-only";
import type { ItemStatus } from "@/app/_generated/prisma/client";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import { agreementReport, type AgreementReport, type RankedItem } from "./agreement";
import type { DashboardQuery } from "./dashboard-query.schema";
import { positionBias, type PositionBias } from "./position-bias";
import { annotatorThroughput, dailyCounts, type AnnotatorThroughput, type DailyCount } from "./throughput";

export type Person = { id: string; name: string; email: string };

export type ProjectDashboard = {
  project: { id: string; name: string; k: number; annotatorsPerItem: number; disagreementRule: string; kendallThreshold: number | null };
  progress: Record<ItemStatus, number> & { total: number; adjudicated: number };
  annotators: (AnnotatorThroughput & { name: string; email: string })[];
  daily: DailyCount[];
  agreement: AgreementReport;
  positionBias: PositionBias;
  /** everyone named in annotators / agreement pairs */
  people: Person[];
  timeZone: string;
  generatedAt: Date;
};

export async function getProjectDashboard(opts: { projectId: string; query: DashboardQuery; now?: Date }): Promise<ProjectDashboard> {
  const now = opts.now ?? new Date();
  const project = await db.project.findUnique({
    where: { id: opts.projectId },
    select: { id: true, name: true, k: true, annotatorsPerItem: true, disagreementRule: true, kendallThreshold: true },
  });
  if (!project) throw new AppError("NOT_FOUND", `project ${opts.projectId} not found`);

  const inProject = { item: { projectId: project.id } };
  const [statusCounts, adjudicated, rankings, skips] = await Promise.all([
    db.item.groupBy({ by: ["status"], where: { projectId: project.id }, _count: { _all: true } }),
    db.item.count({ where: { projectId: project.id, status: "FINAL", adjudicated: true } }),
    db.ranking.findMany({
      where: inProject,
      select: {
        itemId: true,
        annotatorId: true,
        ranks: true,
        durationMs: true,
        createdAt: true,
        assignment: { select: { displayOrder: true } },
      },
      orderBy: { createdAt: "asc" },
    }),
    db.assignment.groupBy({ by: ["annotatorId"], where: { ...inProject, status: "SKIPPED" }, _count: { _all: true } }),
  ]);

  const progress = { AWAITING_CANDIDATES: 0, OPEN: 0, ADJUDICATION: 0, FINAL: 0, GOLD: 0, total: 0, adjudicated };
  for (const c of statusCounts) {
    progress[c.status] = c._count._all;
    progress.total += c._count._all;
  }

  const byItem = new Map<string, RankedItem & { rankings: { annotatorId: string; ranks: number[] }[] }>();
  for (const r of rankings) {
    const entry = byItem.get(r.itemId) ?? { itemId: r.itemId, rankings: [] };
    entry.rankings.push({ annotatorId: r.annotatorId, ranks: r.ranks });
    byItem.set(r.itemId, entry);
  }

  const throughput = annotatorThroughput({
    rankings,
    skips: new Map(skips.map((s) => [s.annotatorId, s._count._all])),
    timeZone: opts.query.timeZone,
  });
  const agreement = agreementReport([...byItem.values()]);

  const ids = new Set([...throughput.map((t) => t.annotatorId), ...agreement.pairs.flatMap((p) => [p.annotatorA, p.annotatorB])]);
  const people = await db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true, email: true } });
  const byId = new Map(people.map((p) => [p.id, p]));

  return {
    project,
    progress,
    annotators: throughput.map((t) => ({ ...t, name: byId.get(t.annotatorId)?.name ?? "?", email: byId.get(t.annotatorId)?.email ?? "" })),
    daily: dailyCounts({ rankings, days: opts.query.days, now, timeZone: opts.query.timeZone }),
    agreement,
    positionBias: positionBias(
      project.k,
      rankings.map((r) => ({ displayOrder: r.assignment.displayOrder, ranks: r.ranks })),
    ),
    people: people.sort((a, b) => a.name.localeCompare(b.name)),
    timeZone: opts.query.timeZone,
    generatedAt: now,
  };
}
