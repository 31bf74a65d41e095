// A model system of an evaluation set and the GENERATE run that answers its prompts.
import "server-only";
import { Prisma } from "@/app/_generated/prisma/client";
import type { Caller } from "@/app/_lib/auth/caller";
import { db, type Tx } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import { launchGenerateRun } from "@/app/_lib/runs/launch-generate-run";
import type { AddModelSystemInput } from "./add-system.schema";

function refused(field: string, message: string) {
  return new AppError("VALIDATION", `${field}: ${message}`, { issues: [{ path: field, message }] });
}

/** What a system's model is: where the model lives and which run (if any) it comes from. */
async function resolveModel(tx: Tx, input: AddModelSystemInput) {
  if (!input.runId) return { modelPath: input.modelPath!, sourceRunId: null, adapterRunId: null };
  const run = await tx.run.findUnique({ where: { id: input.runId }, select: { id: true, kind: true, status: true, name: true, modelPath: true, outputDir: true } });
  if (!run) throw refused("runId", `run ${input.runId} not found`);
  if (input.kind === "RUN_POLICY") {
    if (run.kind !== "PPO") throw refused("runId", `run "${run.name}" is a ${run.kind} run, not a PPO run`);
    if (run.status !== "SUCCEEDED" || !run.outputDir) throw refused("runId", `PPO run "${run.name}" has not succeeded (it is ${run.status})`);
    return { modelPath: run.modelPath, sourceRunId: run.id, adapterRunId: run.id };
  }
  return { modelPath: run.modelPath, sourceRunId: run.id, adapterRunId: null };
}

export async function addModelSystemTx(tx: Tx, opts: { actorId: string; evalSetId: string; input: AddModelSystemInput }) {
  const { input } = opts;
  const set = await tx.evalSet.findUnique({ where: { id: opts.evalSetId }, select: { id: true, name: true, projectId: true } });
  if (!set) throw new AppError("NOT_FOUND", `evaluation set ${opts.evalSetId} not found`);
  const model = await resolveModel(tx, input);
  const system = await tx.evalSystem.create({
    data: { evalSetId: set.id, name: input.name, kind: input.kind, modelPath: model.modelPath, sourceRunId: model.sourceRunId, createdById: opts.actorId },
    select: { id: true, name: true, evalSetId: true },
  });
  const run = await launchGenerateRun(tx, {
    actorId: opts.actorId,
    system,
    set,
    modelPath: model.modelPath,
    adapterRunId: model.adapterRunId,
    decoding: input.decoding,
  });
  return { id: system.id, name: system.name, generateRunId: run.id };
}

export function systemNameConflict(err: unknown, name: string): unknown {
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
    return new AppError("CONFLICT", `name: this set already has a system named "${name}"`, { issues: [{ path: "name", message: "already taken in this set" }] });
  }
  return err;
}

export async function addModelSystem(opts: { caller: Caller; evalSetId: string; input: AddModelSystemInput }) {
  try {
    return await db.$transaction((tx) => addModelSystemTx(tx, { actorId: opts.caller.id, evalSetId: opts.evalSetId, input: opts.input }));
  } catch (err) {
    throw systemNameConflict(err, opts.input.name);
  }
}
