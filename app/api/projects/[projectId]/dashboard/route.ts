// GET /api/projects/[projectId]/dashboard?days=14&timeZone=Asia/Shanghai — progress,
//   throughput, agreement and position-bias figures of a project (admin)
import { parseSearch, withRole } from "@/app/_lib/api/handler";
import { dashboardQuerySchema } from "@/app/_lib/metrics/dashboard-query.schema";
import { getProjectDashboard } from "@/app/_lib/metrics/get-project-dashboard";

export const GET = withRole<{ projectId: string }>(["ADMIN"], async ({ req, params }) =>
  getProjectDashboard({ projectId: params.projectId, query: parseSearch(req, dashboardQuerySchema) }),
);
