// One project's settings, with the counts that decide which settings are still open to change.
import "server-only";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import { type ChoosableModel, listChoosableModels } from "../reward-models/choosable-models";
import { projectViewSelect, type ProjectView } from "./project-view";

export type ProjectDetail = ProjectView & { itemCount: number; rankingCount: number; rewardModels: ChoosableModel[] };

export async function getProject(opts: { projectId: string }): Promise<ProjectDetail> {
  const project = await db.project.findUnique({ where: { id: opts.projectId }, select: projectViewSelect });
  if (!project) throw new AppError("NOT_FOUND", `project ${opts.projectId} not found`);
  const [itemCount, rankingCount, rewardModels] = await Promise.all([
    db.item.count({ where: { projectId: project.id } }),
    db.ranking.count({ where: { item: { projectId: project.id } } }),
    listChoosableModels(db, project.id),
  ]);
  return { ...project, itemCount, rankingCount, rewardModels };
}
