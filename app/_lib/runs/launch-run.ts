// POST /api/runs — queue a run with its inputs pinned: the snapshot (and the sha256 of the exact
// JSONL the agent will download), the RM run a PPO run is rewarded by, the items a sampling run fills.
import "server-only";
import type { Prisma, RunKind } from "@/app/_generated/prisma/client";
import type { Caller } from "@/app/_lib/auth/caller";
import { audit } from "@/app/_lib/audit";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import { createSnapshot } from "@/app/_lib/export/create-snapshot";
import type { LaunchRunInput, SnapshotChoice } from "./launch-run.schema";
import { runInput, sha256 } from "./run-input";

/**
 * A launch refused for a reason the form explains: `reason` is translated there (runs.refuse.*),
 * `issues` puts the message beside the field; the message names the field for API callers.
 */
export function launchRefused(field: string, reason: string, message: string): AppError {
  return new AppError("VALIDATION", `${field}: ${message}`, { reason, issues: [{ path: field, message }] });
}

async function resolveSnapshot(choice: SnapshotChoice, projectId: string, caller: Caller) {
  if (choice.mode === "latest") {
    const final = await db.item.count({ where: { projectId, status: "FINAL" } });
    if (final === 0) throw launchRefused("snapshot", "NO_FINAL_RANKINGS", "the project has no final rankings yet: nothing to train on");
    // "latest final rankings": freeze them now as a new snapshot, so the run is reproducible.
    const view = await createSnapshot({ projectId, actorId: caller.id });
    return { id: view.id, version: view.version };
  }
  const snap = await db.snapshot.findFirst({ where: { id: choice.snapshotId, projectId }, select: { id: true, version: true, rankings: true } });
  if (!snap) throw launchRefused("snapshot.snapshotId", "SNAPSHOT_ELSEWHERE", `snapshot ${choice.snapshotId} is not a snapshot of this project`);
  if (!snap.rankings.trim()) throw launchRefused("snapshot.snapshotId", "EMPTY_SNAPSHOT", `snapshot v${snap.version} holds no rankings`);
  return { id: snap.id, version: snap.version };
}

async function finishedRun(id: string, kind: RunKind, field: string) {
  const run = await db.run.findUnique({ where: { id }, select: { id: true, kind: true, status: true, outputDir: true, name: true } });
  if (!run || run.kind !== kind) throw launchRefused(field, "WRONG_RUN", `run ${id} is not a ${kind} run`);
  if (run.status !== "SUCCEEDED" || !run.outputDir) {
    throw launchRefused(field, "RUN_NOT_SUCCEEDED", `${kind} run "${run.name}" has not succeeded (it is ${run.status})`);
  }
  return run;
}

/** Items of the project awaiting candidates that no queued or running sampling run has pinned yet. */
async function itemsToSample(projectId: string, maxItems: number): Promise<string[]> {
  const active = await db.run.findMany({ where: { kind: "SAMPLE", status: { in: ["QUEUED", "RUNNING"] }, projectId }, select: { itemIds: true } });
  const taken = active.flatMap((r) => r.itemIds);
  const items = await db.item.findMany({
    where: { projectId, status: "AWAITING_CANDIDATES", id: { notIn: taken } },
    orderBy: [{ dialogue: { externalId: "asc" } }, { turnIndex: "asc" }, { id: "asc" }],
    take: maxItems,
    select: { id: true },
  });
  if (items.length === 0) {
    throw launchRefused("projectId", "NO_ITEMS_AWAITING", "no items of this project await candidates (or sampling runs already cover them)");
  }
  return items.map((i) => i.id);
}

export async function launchRun(opts: { caller: Caller; input: LaunchRunInput }) {
  const { caller, input } = opts;
  const project = await db.project.findUnique({ where: { id: input.projectId }, select: { id: true, name: true, k: true } });
  if (!project) throw launchRefused("projectId", "NO_PROJECT", `project ${input.projectId} not found`);

  let snapshot: { id: string; version: number } | null = null;
  let parentRunId: string | null = null;
  let itemIds: string[] = [];
  let config: Prisma.InputJsonObject;
  let label: string;
  if (input.kind === "RM" || input.kind === "PPO") {
    if (input.kind === "PPO") parentRunId = (await finishedRun(input.rewardRunId, "RM", "rewardRunId")).id;
    snapshot = await resolveSnapshot(input.snapshot, project.id, caller);
    config = input.config;
    label = `v${snapshot.version}`;
  } else {
    if (input.adapterRunId) parentRunId = (await finishedRun(input.adapterRunId, "PPO", "adapterRunId")).id;
    itemIds = await itemsToSample(project.id, input.maxItems);
    config = { ...input.config, k: input.k ?? project.k };
    label = `${itemIds.length} items`;
  }
  const inputText = await runInput(db, { id: "new", kind: input.kind, snapshotId: snapshot?.id ?? null, itemIds });
  const name = input.name || `${input.kind} · ${project.name} · ${label}`;

  return db.$transaction(async (tx) => {
    const run = await tx.run.create({
      data: {
        projectId: project.id,
        kind: input.kind,
        name,
        config,
        snapshotId: snapshot?.id ?? null,
        inputHash: sha256(inputText),
        itemIds,
        parentRunId,
        modelPath: input.modelPath,
        maxAttempts: input.maxAttempts,
        frontOfQueue: input.kind === "SAMPLE" && input.frontOfQueue,
        createdById: caller.id,
      },
      select: { id: true, name: true, kind: true, status: true },
    });
    await audit(tx, {
      actorId: caller.id,
      action: "run.launch",
      entityType: "run",
      entityId: run.id,
      projectId: project.id,
      data: { kind: run.kind, snapshotId: snapshot?.id ?? null, parentRunId, items: itemIds.length, modelPath: input.modelPath },
    });
    return run;
  });
}
