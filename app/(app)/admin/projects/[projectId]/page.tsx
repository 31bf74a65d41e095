// /admin/projects/[projectId] — the project dashboard: progress, throughput, agreement,
// position bias (admin).
import { requirePageCaller } from "@/app/_lib/auth/page";
import { ProjectDashboardView } from "./project-dashboard";
import type { Metadata } from "next";
import { pageTitle } from "@/app/_lib/i18n/page-title";

export const generateMetadata = (): Promise<Metadata> => pageTitle("titles.projectDashboard");

export default async function ProjectDashboardPage({ params }: { params: Promise<{ projectId: string }> }) {
  await requirePageCaller(["ADMIN"]);
  const { projectId } = await params;
  return <ProjectDashboardView projectId={projectId} />;
}
