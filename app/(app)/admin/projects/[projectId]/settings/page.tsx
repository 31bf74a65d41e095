// /admin/projects/[projectId]/settings — change a project's settings (admin).
import { requirePageCaller } from "@/app/_lib/auth/page";
import { ProjectSettings } from "./project-settings";

export default async function ProjectSettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  await requirePageCaller(["ADMIN"]);
  const { projectId } = await params;
  return <ProjectSettings projectId={projectId} />;
}
