// GET /api/audit?action=&actorId=&projectId=&entityType=&entityId=&before=&limit= — the audit
//   log, newest first; `nextBefore` of a page is the `before` of the next (admin)
import { parseSearch, withRole } from "@/app/_lib/api/handler";
import { listAuditEntries } from "@/app/_lib/audit-log/list-audit-entries";
import { listAuditEntriesSchema } from "@/app/_lib/audit-log/list-audit-entries.schema";

export const GET = withRole(["ADMIN"], async ({ req }) => listAuditEntries(parseSearch(req, listAuditEntriesSchema)));
