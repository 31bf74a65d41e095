// What an agent reports about a run it holds: heartbeat, metrics, logs, complete, fail, release.
// Every function locks the run row, checks the agent still holds the attempt it names (409 if not:
// the agent must stop), and writes in one transaction.
import "server-only";
import { Prisma } from "@/app/_generated/prisma/client";
import { audit } from "@/app/_lib/audit";
import { db } from "@/app/_lib/db";
import { settleGenerateRun } from "@/app/_lib/evaluation/systems/settle-system";
import type { z } from "zod";
import type { completeSchema, failSchema, heartbeatSchema, postLogsSchema, postMetricsSchema, postSamplesSchema } from "./agent-api.schema";
import type { AuthedAgent } from "./agent-auth";
import { appendAppLog, lockRun } from "./lock-run";
import { parseMetricLine } from "./metric-line";
import { applyRunEvent, assertLeaseHolder } from "./run-transitions";
import { parseSampleLine } from "./sample-line";

type AgentCall<S extends z.ZodType> = { agent: AuthedAgent; runId: string; input: z.infer<S>; now?: Date };

export async function heartbeatRun({ agent, runId, input, now = new Date() }: AgentCall<typeof heartbeatSchema>) {
  return db.$transaction(async (tx) => {
    const run = await lockRun(tx, runId);
    const patch = applyRunEvent(run, { type: "heartbeat", now, agentId: agent.id, attempt: input.attempt });
    const step = input.step !== undefined && input.step > run.step ? { step: input.step } : {};
    const updated = await tx.run.update({ where: { id: runId }, data: { ...patch, ...step } });
    return {
      status: updated.status,
      cancelRequested: updated.cancelRequested,
      leaseExpiresAt: updated.leaseExpiresAt!.toISOString(),
    };
  });
}

/** Idempotent: (runId, attempt, seq) is unique, a re-sent line is skipped. */
export async function postRunMetrics({ agent, runId, input }: AgentCall<typeof postMetricsSchema>) {
  const parsed = input.lines.map((l, i) => ({ seq: l.seq, ...parseMetricLine(l.data, `lines[${i}] (seq ${l.seq})`) }));
  return db.$transaction(async (tx) => {
    const run = await lockRun(tx, runId);
    assertLeaseHolder(run, { agentId: agent.id, attempt: input.attempt });
    const created = await tx.runMetric.createMany({
      data: parsed.map((p) => ({
        runId,
        attempt: input.attempt,
        seq: p.seq,
        step: p.step,
        split: p.split,
        data: p.data as Prisma.InputJsonValue,
      })),
      skipDuplicates: true,
    });
    const train = parsed.filter((p) => p.split === "train");
    const maxStep = Math.max(run.step, ...train.map((p) => p.step));
    const total = parsed.findLast((p) => p.totalSteps !== null)?.totalSteps ?? run.totalSteps;
    if (maxStep !== run.step || total !== run.totalSteps) {
      await tx.run.update({ where: { id: runId }, data: { step: maxStep, totalSteps: total } });
    }
    return { accepted: created.count, duplicates: parsed.length - created.count };
  });
}

/**
 * Idempotent and updatable: a line is keyed by (runId, attempt, seq). A re-sent line is skipped;
 * a progress line the agent updated in place (same seq, new text) replaces its earlier text.
 */
export async function postRunLogs({ agent, runId, input }: AgentCall<typeof postLogsSchema>) {
  return db.$transaction(async (tx) => {
    const run = await lockRun(tx, runId);
    assertLeaseHolder(run, { agentId: agent.id, attempt: input.attempt });
    if (input.lines.length === 0) return { accepted: 0, updated: 0, duplicates: 0 };
    const rows = input.lines.map((l) => {
      // PostgreSQL text cannot hold NUL: a binary blob printed by a trainer must not fail the batch.
      const line = l.line.replaceAll("\u0000", "");
      const at = l.time === undefined ? null : new Date(l.time * 1000).toISOString();
      return Prisma.sql`(${runId}, ${input.attempt}, ${l.seq}, ${l.stream}, ${line}, ${at}::timestamp)`;
    });
    const written = await tx.$queryRaw<{ inserted: boolean }[]>`
      INSERT INTO "RunLog" ("runId", attempt, seq, stream, line, at)
      VALUES ${Prisma.join(rows)}
      ON CONFLICT ("runId", attempt, seq) DO UPDATE SET line = EXCLUDED.line, at = EXCLUDED.at
        WHERE "RunLog".line IS DISTINCT FROM EXCLUDED.line
      RETURNING (xmax = 0) AS inserted`;
    const accepted = written.filter((w) => w.inserted).length;
    return { accepted, updated: written.length - accepted, duplicates: input.lines.length - written.length };
  });
}

/** Idempotent: (runId, attempt, seq) is unique, a re-sent sample is skipped. */
export async function postRunSamples({ agent, runId, input }: AgentCall<typeof postSamplesSchema>) {
  const parsed = input.lines.map((l, i) => ({ seq: l.seq, ...parseSampleLine(l.data, `lines[${i}] (seq ${l.seq})`) }));
  return db.$transaction(async (tx) => {
    const run = await lockRun(tx, runId);
    assertLeaseHolder(run, { agentId: agent.id, attempt: input.attempt });
    const created = await tx.runSample.createMany({
      data: parsed.map((p) => ({ runId, attempt: input.attempt, ...p, prompt: p.prompt as Prisma.InputJsonValue })),
      skipDuplicates: true,
    });
    return { accepted: created.count, duplicates: parsed.length - created.count };
  });
}

export async function completeRun({ agent, runId, input, now = new Date() }: AgentCall<typeof completeSchema>) {
  return db.$transaction(async (tx) => {
    const run = await lockRun(tx, runId);
    const patch = applyRunEvent(run, { type: "complete", now, agentId: agent.id, attempt: input.attempt });
    const updated = await tx.run.update({
      where: { id: runId },
      data: {
        ...patch,
        step: run.totalSteps ?? run.step,
        summary: (input.summary ?? undefined) as Prisma.InputJsonValue | undefined,
        outputDir: input.outputDir ?? null,
        artifacts: input.artifacts,
      },
    });
    await settleGenerateRun(tx, updated);
    await audit(tx, { actorId: null, action: "run.complete", entityType: "run", entityId: runId, projectId: run.projectId, data: { agent: agent.name, attempt: input.attempt, artifacts: input.artifacts.length } });
    return { status: updated.status };
  });
}

export async function failRun({ agent, runId, input, now = new Date() }: AgentCall<typeof failSchema>) {
  return db.$transaction(async (tx) => {
    const run = await lockRun(tx, runId);
    const patch = applyRunEvent(run, { type: "fail", now, agentId: agent.id, attempt: input.attempt, reason: input.reason });
    const updated = await tx.run.update({ where: { id: runId }, data: patch });
    await settleGenerateRun(tx, updated);
    await audit(tx, { actorId: null, action: updated.status === "CANCELLED" ? "run.cancelled" : "run.fail", entityType: "run", entityId: runId, projectId: run.projectId, data: { agent: agent.name, attempt: input.attempt, reason: input.reason } });
    return { status: updated.status };
  });
}

/** The agent is shutting down: the run goes back to the queue (bounded attempts) without waiting for the lease. */
export async function releaseRun({ agent, runId, input, now = new Date() }: AgentCall<typeof failSchema>) {
  return db.$transaction(async (tx) => {
    const run = await lockRun(tx, runId);
    const patch = applyRunEvent(run, { type: "release", now, agentId: agent.id, attempt: input.attempt, reason: input.reason });
    const updated = await tx.run.update({ where: { id: runId }, data: patch });
    await appendAppLog(tx, runId, patch.error ?? `released: ${updated.status}`);
    await audit(tx, { actorId: null, action: "run.release", entityType: "run", entityId: runId, projectId: run.projectId, data: { agent: agent.name, attempt: input.attempt, status: updated.status } });
    return { status: updated.status };
  });
}
