// POST /api/agent/runs/[runId]/results — a sampling run's candidates, attached to their items
// through the import engine (the same validation, dedupe and all-or-nothing write as an uploaded
// candidates JSONL; each batch shows in the project's import list with the run's name).
// Idempotent: a re-sent batch finds its items filled (or the same file hash) and attaches nothing.
import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { db } from "@/app/_lib/db";
import { getEnv } from "@/app/_lib/env";
import { AppError } from "@/app/_lib/errors";
import { importFile } from "@/app/_lib/import/run-import";
import { kickRmWork } from "@/app/_lib/reward-models/rm-worker";
import type { postResultsSchema } from "./agent-api.schema";
import type { AuthedAgent } from "./agent-auth";
import { assertLeaseHolder } from "./run-transitions";
import { sha256 } from "./run-input";
import { planSampledCandidates } from "./sampled-candidates";

export async function postRunResults(opts: { agent: AuthedAgent; runId: string; input: z.infer<typeof postResultsSchema> }) {
  const { agent, runId, input } = opts;
  const run = await db.run.findUnique({ where: { id: runId }, include: { project: { select: { id: true, k: true } } } });
  if (!run) throw new AppError("NOT_FOUND", `run ${runId} not found`);
  assertLeaseHolder(run, { agentId: agent.id, attempt: input.attempt });
  if (run.kind !== "SAMPLE" || !run.project) throw new AppError("CONFLICT", `run ${runId} is a ${run.kind} run: it has no candidates to post`);

  const items = await db.item.findMany({
    where: { id: { in: run.itemIds }, projectId: run.project.id },
    select: { id: true, status: true, candidates: { select: { text: true } } },
  });
  const plan = planSampledCandidates({
    records: input.records,
    pinnedItemIds: run.itemIds,
    items: items.map((i) => ({ id: i.id, status: i.status, texts: i.candidates.map((c) => c.text) })),
    k: run.project.k,
  });

  let attached = 0;
  let candidates = 0;
  if (plan.lines.length) {
    const content = plan.lines.map((l) => JSON.stringify(l) + "\n").join("");
    const dir = path.resolve(getEnv().MEDRANK_DATA_DIR, "uploads");
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `${randomUUID()}.jsonl`);
    try {
      await writeFile(file, content, "utf8");
      const result = await importFile({
        projectId: run.project.id,
        actorId: run.createdById,
        path: file,
        fileName: `sampling-run-${run.id}-batch-${input.batch}.jsonl`,
        contentHash: sha256(content),
        totalBytes: Buffer.byteLength(content),
        options: { format: "CANDIDATES_JSONL", candidates: "none", seed: run.id },
      });
      if (!result.duplicate) {
        attached = plan.lines.length;
        candidates = plan.lines.reduce((n, l) => n + l.candidates.length, 0);
      }
    } finally {
      await rm(file, { force: true });
    }
  }
  // "Front of the queue": the items this run made rankable are served before older open items.
  if (attached && run.frontOfQueue) {
    await db.item.updateMany({ where: { id: { in: run.itemIds }, projectId: run.project.id, status: "OPEN", priority: 0 }, data: { priority: 1 } });
  }
  // Counted under the row lock: batches may arrive from retries in any order.
  const totals = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Run" WHERE id = ${run.id} FOR UPDATE`;
    const current = await tx.run.findUniqueOrThrow({ where: { id: run.id }, select: { results: true } });
    const prev = (current.results ?? {}) as { items?: number; candidates?: number; skipped?: number };
    const next = {
      items: (prev.items ?? 0) + attached,
      candidates: (prev.candidates ?? 0) + candidates,
      skipped: (prev.skipped ?? 0) + plan.skipped.length,
    };
    await tx.run.update({ where: { id: run.id }, data: { results: next } });
    return next;
  });
  // pre-screening: the project's chosen reward model scores the fresh candidates in the background
  if (candidates) kickRmWork();
  return { attached, candidates, skipped: plan.skipped, totals };
}
