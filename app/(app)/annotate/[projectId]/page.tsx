// /annotate/[projectId] — rank one item after another in a project.
import { requirePageCaller } from "@/app/_lib/auth/page";
import { AnnotateWorkspace } from "../_components/annotate-workspace";

export const dynamic = "force-dynamic";

export default async function AnnotatePage({ params }: { params: Promise<{ projectId: string }> }) {
  await requirePageCaller(["ANNOTATOR"]);
  const { projectId } = await params;
  return <AnnotateWorkspace projectId={projectId} />;
}
