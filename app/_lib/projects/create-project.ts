// Creates a project with its ranking settings.
import "server-only";
import { audit } from "@/app/_lib/audit";
import { db } from "@/app/_lib/db";
import type { CreateProjectData } from "./create-project.schema";
import { projectViewSelect, type ProjectView } from "./project-view";
import { projectNameConflict } from "./unique-name-error";

export async function createProject(opts: { actorId: string; data: CreateProjectData }): Promise<ProjectView> {
  try {
    return await db.$transaction(async (tx) => {
      const project = await tx.project.create({ data: { ...opts.data, createdById: opts.actorId }, select: projectViewSelect });
      const { guidelines: _guidelines, ...settings } = opts.data; // guidelines can be long: the log keeps their size only
      await audit(tx, {
        actorId: opts.actorId,
        action: "project.create",
        entityType: "Project",
        entityId: project.id,
        projectId: project.id,
        data: { ...settings, guidelinesLength: opts.data.guidelines.length },
      });
      return project;
    });
  } catch (err) {
    throw projectNameConflict(err, opts.data.name);
  }
}
