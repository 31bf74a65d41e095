// The distinct actions in the audit log, for the action filter of the audit page.
import "server-only";
import { db } from "@/app/_lib/db";

export async function listAuditActions(): Promise<string[]> {
  const rows = await db.auditLog.groupBy({ by: ["action"], orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}
