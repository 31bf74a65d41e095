// /admin/projects/[projectId]/snapshots — freeze final rankings as versioned snapshots, download them (admin).
import { requirePageCaller } from "@/app/_lib/auth/page";
import { SnapshotsPanel } from "./snapshots-panel";
import type { Metadata } from "next";
import { pageTitle } from "@/app/_lib/i18n/page-title";

export const generateMetadata = (): Promise<Metadata> => pageTitle("titles.projectSnapshots");

export default async function SnapshotsPage({ params }: { params: Promise<{ projectId: string }> }) {
  await requirePageCaller(["ADMIN"]);
  const { projectId } = await params;
  return <SnapshotsPanel projectId={projectId} />;
}
