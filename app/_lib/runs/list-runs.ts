// GET /api/runs — newest first. Lapsed leases are swept first, so the list never shows a run
// as RUNNING on an agent that died.
import "server-only";
import type { Prisma } from "@/app/_generated/prisma/client";
import { db } from "@/app/_lib/db";
import type { z } from "zod";
import type { listRunsSchema } from "./list-runs.schema";
import { type RunSummary, runSummarySelect, toRunSummary } from "./run-view";
import { loadQueueWaits } from "./load-queue-waits";
import { sweepLapsedLeases } from "./sweep-lapsed-leases";

export async function listRuns(opts: { filter: z.infer<typeof listRunsSchema> }): Promise<RunSummary[]> {
  await sweepLapsedLeases();
  const { status, kind, projectId, take } = opts.filter;
  const where: Prisma.RunWhereInput = { status, kind, projectId };
  const [rows, waits] = await Promise.all([
    db.run.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take, select: runSummarySelect }),
    loadQueueWaits(),
  ]);
  return rows.map((r) => toRunSummary(r, waits.get(r.id) ?? null));
}
