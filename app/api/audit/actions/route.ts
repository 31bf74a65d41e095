// GET /api/audit/actions — the distinct actions in the audit log, for the filter (admin)
import { withRole } from "@/app/_lib/api/handler";
import { listAuditActions } from "@/app/_lib/audit-log/list-audit-actions";

export const GET = withRole(["ADMIN"], async () => ({ actions: await listAuditActions() }));
