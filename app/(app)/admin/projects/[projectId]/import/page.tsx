// /admin/projects/[projectId]/import — upload dialogues or candidates into a project (admin).
import { requirePageCaller } from "@/app/_lib/auth/page";
import { ImportPanel } from "./import-panel";
import type { Metadata } from "next";
import { pageTitle } from "@/app/_lib/i18n/page-title";

export const generateMetadata = (): Promise<Metadata> => pageTitle("titles.projectImport");

export default async function ImportPage({ params }: { params: Promise<{ projectId: string }> }) {
  await requirePageCaller(["ADMIN"]);
  const { projectId } = await params;
  return <ImportPanel projectId={projectId} />;
}
