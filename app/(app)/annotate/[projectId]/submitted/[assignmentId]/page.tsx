// /annotate/[projectId]/submitted/[assignmentId] — one of the annotator's submitted items, read-only.
import type { Metadata } from "next";
import { requirePageCaller } from "@/app/_lib/auth/page";
import { pageTitle } from "@/app/_lib/i18n/page-title";
import { SubmittedView } from "../../../_components/submitted-view";

export const dynamic = "force-dynamic";

export const generateMetadata = (): Promise<Metadata> => pageTitle("annotate.pageTitle.submitted");

export default async function SubmittedPage({ params }: { params: Promise<{ projectId: string; assignmentId: string }> }) {
  await requirePageCaller(["ANNOTATOR"]);
  const { projectId, assignmentId } = await params;
  return <SubmittedView projectId={projectId} assignmentId={assignmentId} />;
}
