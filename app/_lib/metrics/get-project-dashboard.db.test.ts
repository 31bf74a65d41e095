import { describe, expect, it } from "vitest";
import { db } from "@/app/_lib/db";
import { createItems, createProject, createUser } from "@/app/_lib/testing/factories";
import { dashboardQuerySchema } from "./dashboard-query.schema";
import { getProjectDashboard } from "./get-project-dashboard";

async function rank(opts: {
  itemId: string;
  annotatorId: string;
  ranks: number[];
  displayOrder: number[];
  durationMs: number;
  at: Date;
}) {
  const assignment = await db.assignment.create({
    data: {
      itemId: opts.itemId,
      annotatorId: opts.annotatorId,
      status: "SUBMITTED",
      displayOrder: opts.displayOrder,
      leaseExpiresAt: opts.at,
      finishedAt: opts.at,
    },
  });
  await db.ranking.create({
    data: {
      assignmentId: assignment.id,
      itemId: opts.itemId,
      annotatorId: opts.annotatorId,
      ranks: opts.ranks,
      durationMs: opts.durationMs,
      createdAt: opts.at,
    },
  });
}

describe("getProjectDashboard", () => {
  it("aggregates progress, throughput, agreement and position bias for one project only", async () => {
    const project = await createProject();
    const other = await createProject();
    const a = await createUser({ name: "甲" });
    const b = await createUser({ name: "乙" });
    const [i1, i2, i3, i4] = await createItems(project.id, { count: 4 });
    const [elsewhere] = await createItems(other.id, { count: 1 });
    await db.item.update({ where: { id: i1 }, data: { status: "FINAL", adjudicated: false } });
    await db.item.update({ where: { id: i2 }, data: { status: "ADJUDICATION" } });
    await db.item.update({ where: { id: i4 }, data: { status: "AWAITING_CANDIDATES" } });

    const day1 = new Date("2025-03-01T02:00:00Z");
    const day2 = new Date("2025-03-02T02:00:00Z");
    // i1: both agree exactly, both saw the best candidate (position 0) in slot 0
    await rank({ itemId: i1, annotatorId: a.id, ranks: [1, 2, 3, 4], displayOrder: [0, 1, 2, 3], durationMs: 10_000, at: day1 });
    await rank({ itemId: i1, annotatorId: b.id, ranks: [1, 2, 3, 4], displayOrder: [0, 3, 2, 1], durationMs: 30_000, at: day1 });
    // i2: reversed orders; a's best (pos 0) in slot 0, b's best (pos 3) in slot 1
    await rank({ itemId: i2, annotatorId: a.id, ranks: [1, 2, 3, 4], displayOrder: [0, 1, 2, 3], durationMs: 20_000, at: day2 });
    await rank({ itemId: i2, annotatorId: b.id, ranks: [4, 3, 2, 1], displayOrder: [2, 3, 1, 0], durationMs: 50_000, at: day2 });
    // a skipped i3; someone else's ranking in another project must not count
    await db.assignment.create({
      data: { itemId: i3, annotatorId: a.id, status: "SKIPPED", displayOrder: [0, 1, 2, 3], leaseExpiresAt: day2, skipReason: "不确定" },
    });
    await rank({ itemId: elsewhere, annotatorId: a.id, ranks: [1, 2, 3, 4], displayOrder: [0, 1, 2, 3], durationMs: 1, at: day2 });

    const d = await getProjectDashboard({
      projectId: project.id,
      query: dashboardQuerySchema.parse({ days: 3, timeZone: "Asia/Shanghai" }),
      now: new Date("2025-03-02T12:00:00Z"),
    });

    expect(d.progress).toEqual({ AWAITING_CANDIDATES: 1, OPEN: 1, ADJUDICATION: 1, FINAL: 1, GOLD: 0, total: 4, adjudicated: 0 });

    const ta = d.annotators.find((x) => x.annotatorId === a.id)!;
    expect(ta).toMatchObject({ name: "甲", rankings: 2, activeDays: 2, rankingsPerDay: 1, medianDurationMs: 15_000, skips: 1 });
    const tb = d.annotators.find((x) => x.annotatorId === b.id)!;
    expect(tb).toMatchObject({ rankings: 2, medianDurationMs: 40_000, skips: 0 });

    expect(d.daily).toEqual([
      { day: "2025-02-28", rankings: 0 },
      { day: "2025-03-01", rankings: 2 },
      { day: "2025-03-02", rankings: 2 },
    ]);

    expect(d.agreement.project).toMatchObject({ items: 2, comparisons: 2, exactOrder: 0.5, top1: 0.5, meanKendallTau: 0 });
    expect(d.agreement.pairs).toHaveLength(1);
    expect(d.agreement.pairs[0]).toMatchObject({ comparisons: 2, exactOrder: 0.5 });

    expect(d.positionBias.rankings).toBe(4);
    expect(d.positionBias.slots.map((s) => s.firstCount)).toEqual([3, 1, 0, 0]);
    expect(d.people.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
  });

  it("answers NOT_FOUND for an unknown project", async () => {
    await expect(
      getProjectDashboard({ projectId: "nope", query: dashboardQuerySchema.parse({}) }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
