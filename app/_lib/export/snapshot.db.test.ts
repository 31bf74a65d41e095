import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { AppError } from "../errors";
import { createItems, createProject, createUser } from "../testing/factories";
import { createSnapshot } from "./create-snapshot";
import { listSnapshots, readSnapshotFile } from "./list-snapshots";

/** Two annotators rank the item; it becomes FINAL with `finalRanks` (as the ranking area would do). */
async function finalize(itemId: string, annotators: string[], finalRanks: number[], extra: { adjudicatorId?: string; replacement?: string } = {}) {
  for (const [n, annotatorId] of annotators.entries()) {
    const assignment = await db.assignment.create({
      data: { itemId, annotatorId, status: "SUBMITTED", displayOrder: [3, 2, 1, 0], leaseExpiresAt: new Date(), finishedAt: new Date() },
    });
    await db.ranking.create({
      data: { assignmentId: assignment.id, itemId, annotatorId, ranks: n === 0 ? finalRanks : [...finalRanks].reverse(), durationMs: 30_000 + n, flags: {} },
    });
  }
  if (extra.adjudicatorId) {
    await db.adjudication.create({ data: { itemId, adjudicatorId: extra.adjudicatorId, ranks: finalRanks, replacement: extra.replacement ?? null } });
  }
  await db.item.update({
    where: { id: itemId },
    data: {
      status: "FINAL",
      finalRanks,
      finalReplacement: extra.replacement ?? null,
      adjudicated: Boolean(extra.adjudicatorId),
      rankingCount: annotators.length,
      finalizedAt: new Date(),
    },
  });
}

const lines = (text: string) => text.trimEnd().split("\n").map((l) => JSON.parse(l));

describe("snapshots (database)", () => {
  it("refuses a snapshot of a project without final items", async () => {
    const project = await createProject();
    const admin = await createUser({ roles: ["ADMIN"] });
    await createItems(project.id, { count: 2 });
    const err = await createSnapshot({ projectId: project.id, actorId: admin.id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("CONFLICT");
    expect(await db.snapshot.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("exports final items only, hashes the files, and keeps earlier versions unchanged", async () => {
    const project = await createProject({ k: 4 });
    const [admin, a1, a2, adj] = await Promise.all([
      createUser({ roles: ["ADMIN"] }),
      createUser({ roles: ["ANNOTATOR"] }),
      createUser({ roles: ["ANNOTATOR"] }),
      createUser({ roles: ["ADJUDICATOR"] }),
    ]);
    const [i1, i2, i3] = await createItems(project.id, { count: 3 });
    await finalize(i1, [a1.id, a2.id], [2, 1, 4, 3]);
    await finalize(i2, [a1.id, a2.id], [1, 2, 3, 4], { adjudicatorId: adj.id, replacement: "抱歉，这个问题我无法确定，请到医院就诊。" });

    const v1 = await createSnapshot({ projectId: project.id, actorId: admin.id });
    expect(v1).toMatchObject({ version: 1, counts: { items: 2, adjudicated: 1, replacements: 1, pairs: 6 + 10, rawRankings: 4 } });
    expect(v1.createdBy).toEqual({ id: admin.id, name: admin.name });

    const rankings = await readSnapshotFile({ snapshotId: v1.id, file: "rankings.jsonl" });
    const pairs = await readSnapshotFile({ snapshotId: v1.id, file: "pairs.jsonl" });
    const raw = await readSnapshotFile({ snapshotId: v1.id, file: "raw.jsonl" });
    expect(createHash("sha256").update(rankings.content + pairs.content + raw.content).digest("hex")).toBe(v1.contentHash);
    expect(rankings.fileName).toMatch(/-v1-rankings\.jsonl$/);

    const byId = new Map(lines(rankings.content).map((l) => [l.id, l]));
    expect([...byId.keys()].sort()).toEqual([i1, i2].sort());
    const candidates = await db.candidate.findMany({ where: { itemId: i1 }, orderBy: { position: "asc" } });
    expect(byId.get(i1).responses).toEqual([1, 0, 3, 2].map((p) => candidates[p].text));
    expect(byId.get(i1).meta).toMatchObject({ annotators: [a1.id, a2.id], adjudicated: false, replacement: false, snapshot: v1.id });
    expect(byId.get(i2).responses[0]).toBe("抱歉，这个问题我无法确定，请到医院就诊。");
    expect(byId.get(i2).meta).toMatchObject({ adjudicated: true, adjudicator: adj.id, replacement: true });
    expect(lines(raw.content).filter((r) => r.item === i1).map((r) => r.annotator)).toEqual([a1.id, a2.id]);

    expect(await db.auditLog.count({ where: { action: "snapshot.create", entityId: v1.id, actorId: admin.id } })).toBe(1);

    // a later snapshot is a new version; the earlier one keeps its content and hash
    await finalize(i3, [a1.id, a2.id], [1, 2, 3, 4]);
    const v2 = await createSnapshot({ projectId: project.id, actorId: admin.id });
    expect(v2).toMatchObject({ version: 2, counts: { items: 3 } });
    expect(v2.contentHash).not.toBe(v1.contentHash);
    expect((await readSnapshotFile({ snapshotId: v1.id, file: "rankings.jsonl" })).content).toBe(rankings.content);
    expect((await listSnapshots({ projectId: project.id })).map((s) => [s.version, s.contentHash])).toEqual([
      [2, v2.contentHash],
      [1, v1.contentHash],
    ]);
  });
});
