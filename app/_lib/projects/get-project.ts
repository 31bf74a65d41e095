import "server-only";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import { projectViewSelect, type ProjectView } from "./project-view";

export async function getProject(opts: { projectId: string }): Promise<ProjectView> {
  const project = await db.project.findUnique({ where: { id: opts.projectId }, select: projectViewSelect });
  if (!project) throw new AppError("NOT_FOUND", `project ${opts.projectId} not found`);
  return project;
}
