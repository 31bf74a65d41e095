// /adjudicate/[projectId] — the queue of disputed items in a project.
import { requirePageCaller } from "@/app/_lib/auth/page";
import { AdjudicationQueueView } from "../_components/adjudication-queue";

export const dynamic = "force-dynamic";

export default async function AdjudicationQueuePage({ params }: { params: Promise<{ projectId: string }> }) {
  await requirePageCaller(["ADJUDICATOR"]);
  const { projectId } = await params;
  return <AdjudicationQueueView projectId={projectId} />;
}
