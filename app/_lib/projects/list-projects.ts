// Projects with their item counts by status: the admin projects list, and the project
// picker of annotators (they see the same settings and guidelines they rank under).
import "server-only";
import type { ItemStatus } from "@/app/_generated/prisma/client";
import { db } from "@/app/_lib/db";
import { projectViewSelect, type ProjectView } from "./project-view";

export type ProjectListEntry = ProjectView & { itemCounts: Record<ItemStatus, number> };

export const emptyStatusCounts = (): Record<ItemStatus, number> => ({ AWAITING_CANDIDATES: 0, OPEN: 0, ADJUDICATION: 0, FINAL: 0, GOLD: 0 });

export async function listProjects(): Promise<ProjectListEntry[]> {
  const [projects, counts] = await Promise.all([
    db.project.findMany({ select: projectViewSelect, orderBy: { createdAt: "desc" } }),
    db.item.groupBy({ by: ["projectId", "status"], _count: { _all: true } }),
  ]);
  const byProject = new Map<string, Record<ItemStatus, number>>();
  for (const c of counts) {
    const entry = byProject.get(c.projectId) ?? emptyStatusCounts();
    entry[c.status] = c._count._all;
    byProject.set(c.projectId, entry);
  }
  return projects.map((p) => ({ ...p, itemCounts: byProject.get(p.id) ?? emptyStatusCounts() }));
}
