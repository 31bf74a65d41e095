// Reads the audit log for admins: filter by action, actor, project or entity; newest first.
import "server-only";
import type { Prisma } from "@/app/_generated/prisma/client";
import { db } from "@/app/_lib/db";
import type { ListAuditEntriesQuery } from "./list-audit-entries.schema";

export type AuditEntryView = {
  /** BigInt in the database: sent as a string so JSON keeps every digit */
  id: string;
  createdAt: Date;
  action: string;
  entityType: string;
  entityId: string;
  projectId: string | null;
  projectName: string | null;
  actor: { id: string; name: string; email: string } | null;
  data: Prisma.JsonValue;
};

export type AuditPage = { entries: AuditEntryView[]; nextBefore: string | null };

export async function listAuditEntries(query: ListAuditEntriesQuery): Promise<AuditPage> {
  const where: Prisma.AuditLogWhereInput = {
    ...(query.action ? { action: { startsWith: query.action } } : {}),
    ...(query.actorId ? { actorId: query.actorId } : {}),
    ...(query.projectId ? { projectId: query.projectId } : {}),
    ...(query.entityType ? { entityType: query.entityType } : {}),
    ...(query.entityId ? { entityId: query.entityId } : {}),
    ...(query.before ? { id: { lt: BigInt(query.before) } } : {}),
  };
  // one extra row tells whether another page follows
  const rows = await db.auditLog.findMany({
    where,
    orderBy: { id: "desc" },
    take: query.limit + 1,
    include: { actor: { select: { id: true, name: true, email: true } } },
  });
  const page = rows.slice(0, query.limit);
  const projectIds = [...new Set(page.flatMap((r) => (r.projectId ? [r.projectId] : [])))];
  const projects = projectIds.length
    ? await db.project.findMany({ where: { id: { in: projectIds } }, select: { id: true, name: true } })
    : [];
  const projectName = new Map(projects.map((p) => [p.id, p.name]));
  return {
    entries: page.map((r) => ({
      id: r.id.toString(),
      createdAt: r.createdAt,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      projectId: r.projectId,
      projectName: r.projectId ? (projectName.get(r.projectId) ?? null) : null,
      actor: r.actor,
      data: r.data,
    })),
    nextBefore: rows.length > query.limit ? page[page.length - 1].id.toString() : null,
  };
}
