// Everything the project dashboard shows, computed from the project's items, rankings and
// assignments: progress, per-annotator throughput, agreement, position bias, and the quality
// checks per annotator (quality.ts: fast rankings, display order, peers, gold items).
// Progress counts the work — gold items are quality checks, listed apart; agreement and
// position bias read the work's rankings only.
import "server-only";
import type { ItemStatus } from "@/app/_generated/prisma/client";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import { agreementReport, type AgreementReport, type RankedItem } from "./agreement";
import type { DashboardQuery } from "./dashboard-query.schema";
import { positionBias, type PositionBias } from "./position-bias";
import { type QualityReport, qualityReport } from "./quality";
import { annotatorThroughput, dailyCounts, type AnnotatorThroughput, type DailyCount } from "./throughput";

export type Person = { id: string; name: string; email: string };

export type ProjectDashboard = {
  project: { id: string; name: string; k: number; annotatorsPerItem: number; disagreementRule: string; kendallThreshold: number | null };
  progress: Record<ItemStatus, number> & { total: number; adjudicated: number };
  annotators: (AnnotatorThroughput & { name: string; email: string })[];
  daily: DailyCount[];
  agreement: AgreementReport;
  positionBias: PositionBias;
  quality: QualityReport;
  goldRate: number;
  /** everyone named in annotators / agreement pairs */
  people: Person[];
  timeZone: string;
  generatedAt: Date;
};

export async function getProjectDashboard(opts: { projectId: string; query: DashboardQuery; now?: Date }): Promise<ProjectDashboard> {
  const now = opts.now ?? new Date();
  const project = await db.project.findUnique({
    where: { id: opts.projectId },
    select: { id: true, name: true, k: true, annotatorsPerItem: true, disagreementRule: true, kendallThreshold: true, goldRate: true },
  });
  if (!project) throw new AppError("NOT_FOUND", `project ${opts.projectId} not found`);
  const { goldRate, ...projectView } = project;

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
        openMs: true,
        createdAt: true,
        assignment: { select: { displayOrder: true } },
        item: { select: { status: true, goldRanks: true } },
      },
      orderBy: { createdAt: "asc" },
    }),
    db.assignment.groupBy({ by: ["annotatorId"], where: { ...inProject, status: "SKIPPED" }, _count: { _all: true } }),
  ]);

  const progress = { AWAITING_CANDIDATES: 0, OPEN: 0, ADJUDICATION: 0, FINAL: 0, GOLD: 0, total: 0, adjudicated };
  for (const c of statusCounts) {
    progress[c.status] = c._count._all;
    if (c.status !== "GOLD") progress.total += c._count._all; // gold items are checks, not work
  }

  const work = rankings.filter((r) => r.item.status !== "GOLD");
  const byItem = new Map<string, RankedItem & { rankings: { annotatorId: string; ranks: number[] }[] }>();
  for (const r of work) {
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

  const quality = qualityReport(
    project.k,
    rankings.map((r) => ({
      annotatorId: r.annotatorId,
      itemId: r.itemId,
      ranks: r.ranks,
      // the shorter of the client's timer and the server's lease clock (openMs, when recorded)
      durationMs: Math.min(r.durationMs, r.openMs ?? r.durationMs),
      displayOrder: r.assignment.displayOrder,
      goldRanks: r.item.status === "GOLD" ? r.item.goldRanks : null,
    })),
  );

  return {
    project: projectView,
    progress,
    annotators: throughput.map((t) => ({ ...t, name: byId.get(t.annotatorId)?.name ?? "?", email: byId.get(t.annotatorId)?.email ?? "" })),
    daily: dailyCounts({ rankings, days: opts.query.days, now, timeZone: opts.query.timeZone }),
    agreement,
    positionBias: positionBias(
      project.k,
      work.map((r) => ({ displayOrder: r.assignment.displayOrder, ranks: r.ranks })),
    ),
    quality,
    goldRate,
    people: people.sort((a, b) => a.name.localeCompare(b.name)),
    timeZone: opts.query.timeZone,
    generatedAt: now,
  };
}
