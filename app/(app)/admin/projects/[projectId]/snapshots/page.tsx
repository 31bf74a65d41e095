// /admin/projects/[projectId]/snapshots — freeze final rankings as versioned snapshots, download them (admin).
import { requirePageCaller } from "@/app/_lib/auth/page";
import { SnapshotsPanel } from "./snapshots-panel";

export default async function SnapshotsPage({ params }: { params: Promise<{ projectId: string }> }) {
  await requirePageCaller(["ADMIN"]);
  const { projectId } = await params;
  return <SnapshotsPanel projectId={projectId} />;
}
