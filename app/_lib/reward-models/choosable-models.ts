// The reward models a project may choose (Project.rewardModelId) and the dashboard may compare:
// READY models exported from one of the project's runs or registered for it, and READY models
// registered for no project in particular.
import "server-only";
import type { Prisma } from "@/app/_generated/prisma/client";
import type { Db, Tx } from "../db";
import { AppError } from "../errors";

export const choosableWhere = (projectId: string): Prisma.RewardModelWhereInput => ({
  status: "READY",
  OR: [{ projectId }, { projectId: null }],
});

export type ChoosableModel = { id: string; name: string; snapshotId: string | null; createdAt: Date };

export async function listChoosableModels(client: Db | Tx, projectId: string): Promise<ChoosableModel[]> {
  return client.rewardModel.findMany({
    where: choosableWhere(projectId),
    select: { id: true, name: true, snapshotId: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
}

export async function assertChoosableRewardModel(client: Db | Tx, opts: { projectId: string; rewardModelId: string }): Promise<void> {
  const model = await client.rewardModel.findUnique({ where: { id: opts.rewardModelId }, select: { status: true, projectId: true } });
  if (!model) throw new AppError("VALIDATION", `rewardModelId: reward model ${opts.rewardModelId} not found`, { issues: [{ path: "rewardModelId", message: "not found" }] });
  if (model.status !== "READY")
    throw new AppError("VALIDATION", `rewardModelId: reward model ${opts.rewardModelId} is ${model.status}, not READY`, {
      issues: [{ path: "rewardModelId", message: `is ${model.status}, not READY` }],
    });
  if (model.projectId !== null && model.projectId !== opts.projectId)
    throw new AppError("VALIDATION", `rewardModelId: reward model ${opts.rewardModelId} belongs to another project`, {
      issues: [{ path: "rewardModelId", message: "belongs to another project" }],
    });
}
