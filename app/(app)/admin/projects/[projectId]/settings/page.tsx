// /admin/projects/[projectId]/settings — change a project's settings (admin).
import { requirePageCaller } from "@/app/_lib/auth/page";
import { ProjectSettings } from "./project-settings";
import type { Metadata } from "next";
import { pageTitle } from "@/app/_lib/i18n/page-title";

export const generateMetadata = (): Promise<Metadata> => pageTitle("titles.projectSettings");

export default async function ProjectSettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  await requirePageCaller(["ADMIN"]);
  const { projectId } = await params;
  return <ProjectSettings projectId={projectId} />;
}
