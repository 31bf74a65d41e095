// POST /api/agent/claim — give one queued run to an agent, with a lease.
// `FOR UPDATE SKIP LOCKED` makes concurrent claims from many agents take different runs:
// a row another transaction is claiming is skipped, never claimed twice.
import "server-only";
import type { Prisma, RunKind } from "@/app/_generated/prisma/client";
import { audit } from "@/app/_lib/audit";
import { db } from "@/app/_lib/db";
import type { z } from "zod";
import type { claimSchema } from "./agent-api.schema";
import type { AuthedAgent } from "./agent-auth";
import { applyRunEvent } from "./run-transitions";
import { sweepLapsedLeases } from "./sweep-lapsed-leases";

export type ClaimedRun = {
  id: string;
  kind: RunKind;
  name: string;
  attempt: number;
  /** An earlier attempt ran: the agent resumes from the run directory's last checkpoint when it has one. */
  resume: boolean;
  modelPath: string;
  config: Prisma.JsonValue;
  inputHash: string | null;
  k: number | null;
  parent: { id: string; kind: RunKind; outputDir: string | null } | null;
  leaseSeconds: number;
  leaseExpiresAt: string;
};

export async function claimRun(opts: { agent: AuthedAgent; input: z.infer<typeof claimSchema>; now?: Date }): Promise<ClaimedRun | null> {
  const { agent, input } = opts;
  const now = opts.now ?? new Date();
  await sweepLapsedLeases({ now });
  const host = input.host;
  await db.agent.update({
    where: { id: agent.id },
    data: {
      lastSeenAt: now,
      hostname: host.hostname ?? undefined,
      gpus: host.gpus ?? undefined,
      info: {
        gpuNames: host.gpuNames ?? [],
        python: host.python ?? null,
        platform: host.platform ?? null,
        agentVersion: host.agentVersion ?? null,
        models: host.models ?? [],
        kinds: input.kinds,
        pollSeconds: host.pollSeconds ?? null,
        heartbeatSeconds: host.heartbeatSeconds ?? null,
      },
    },
  });
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Run"
      WHERE status = 'QUEUED' AND "cancelRequested" = false AND kind::text = ANY(${input.kinds})
      ORDER BY "queuedAt", id
      LIMIT 1
      FOR UPDATE SKIP LOCKED`;
    if (rows.length === 0) return null;
    const run = await tx.run.findUniqueOrThrow({ where: { id: rows[0].id } });
    const patch = applyRunEvent(run, { type: "claim", now, agentId: agent.id, leaseSeconds: input.leaseSeconds });
    const claimed = await tx.run.update({
      where: { id: run.id },
      data: patch,
      include: { parentRun: { select: { id: true, kind: true, outputDir: true } } },
    });
    await audit(tx, {
      actorId: null,
      action: "run.claim",
      entityType: "run",
      entityId: run.id,
      projectId: run.projectId,
      data: { agentId: agent.id, agent: agent.name, attempt: claimed.attempts },
    });
    const k = typeof (claimed.config as { k?: unknown })?.k === "number" ? ((claimed.config as { k: number }).k) : null;
    return {
      id: claimed.id,
      kind: claimed.kind,
      name: claimed.name,
      attempt: claimed.attempts,
      resume: claimed.attempts > 1,
      modelPath: claimed.modelPath,
      config: claimed.config,
      inputHash: claimed.inputHash,
      k,
      parent: claimed.parentRun,
      leaseSeconds: claimed.leaseSeconds,
      leaseExpiresAt: claimed.leaseExpiresAt!.toISOString(),
    };
  });
}
