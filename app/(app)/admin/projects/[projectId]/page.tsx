// /admin/projects/[projectId] — the project dashboard: progress, throughput, agreement,
// position bias (admin).
import { requirePageCaller } from "@/app/_lib/auth/page";
import { ProjectDashboardView } from "./project-dashboard";

export default async function ProjectDashboardPage({ params }: { params: Promise<{ projectId: string }> }) {
  await requirePageCaller(["ADMIN"]);
  const { projectId } = await params;
  return <ProjectDashboardView projectId={projectId} />;
}
