// /admin/projects — the projects with their progress, and a form to create one (admin).
import { requirePageCaller } from "@/app/_lib/auth/page";
import { ProjectsAdmin } from "./projects-admin";

export default async function ProjectsPage() {
  await requirePageCaller(["ADMIN"]);
  return <ProjectsAdmin />;
}
