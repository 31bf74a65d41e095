// /admin/projects — the projects with their progress, and a form to create one (admin).
import { requirePageCaller } from "@/app/_lib/auth/page";
import { ProjectsAdmin } from "./projects-admin";
import type { Metadata } from "next";
import { pageTitle } from "@/app/_lib/i18n/page-title";

export const generateMetadata = (): Promise<Metadata> => pageTitle("titles.projects");

export default async function ProjectsPage() {
  await requirePageCaller(["ADMIN"]);
  return <ProjectsAdmin />;
}
