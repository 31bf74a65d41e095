// The audit log: who did what to which entity. Call inside the transaction of the change.
import "server-only";
import type { Prisma } from "@/app/_generated/prisma/client";
import type { Db, Tx } from "./db";

export type AuditEntry = {
  actorId: string | null;
  action: string; // "<entity>.<verb>", e.g. "ranking.submit"
  entityType: string;
  entityId: string;
  projectId?: string | null;
  data?: Prisma.InputJsonValue;
};

export async function audit(client: Db | Tx, entry: AuditEntry): Promise<void> {
  await client.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      projectId: entry.projectId ?? null,
      data: entry.data ?? {},
    },
  });
}
