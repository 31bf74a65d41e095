// What an agent reports about a run it holds: heartbeat, metrics, logs, complete, fail, release.
// Every function locks the run row, checks the agent still holds the attempt it names (409 if not:
// the agent must stop), and writes in one transaction.
import "server-only";
import type { Prisma } from "@/app/_generated/prisma/client";
import { audit } from "@/app/_lib/audit";
import { db } from "@/app/_lib/db";
import type { z } from "zod";
import type { completeSchema, failSchema, heartbeatSchema, postLogsSchema, postMetricsSchema } from "./agent-api.schema";
import type { AuthedAgent } from "./agent-auth";
import { appendAppLog, lockRun } from "./lock-run";
import { parseMetricLine } from "./metric-line";
import { applyRunEvent, assertLeaseHolder } from "./run-transitions";

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

export async function postRunLogs({ agent, runId, input }: AgentCall<typeof postLogsSchema>) {
  return db.$transaction(async (tx) => {
    const run = await lockRun(tx, runId);
    assertLeaseHolder(run, { agentId: agent.id, attempt: input.attempt });
    const created = await tx.runLog.createMany({
      // PostgreSQL text cannot hold NUL: a binary blob printed by a trainer must not fail the batch.
      data: input.lines.map((l) => ({ runId, attempt: input.attempt, seq: l.seq, stream: l.stream, line: l.line.replaceAll("\u0000", "") })),
      skipDuplicates: true,
    });
    return { accepted: created.count, duplicates: input.lines.length - created.count };
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
    await audit(tx, { actorId: null, action: "run.complete", entityType: "run", entityId: runId, projectId: run.projectId, data: { agent: agent.name, attempt: input.attempt, artifacts: input.artifacts.length } });
    return { status: updated.status };
  });
}

export async function failRun({ agent, runId, input, now = new Date() }: AgentCall<typeof failSchema>) {
  return db.$transaction(async (tx) => {
    const run = await lockRun(tx, runId);
    const patch = applyRunEvent(run, { type: "fail", now, agentId: agent.id, attempt: input.attempt, reason: input.reason });
    const updated = await tx.run.update({ where: { id: runId }, data: patch });
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
