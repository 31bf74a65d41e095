// /annotate/[projectId] — rank one item after another in a project.
import type { Metadata } from "next";
import { requirePageCaller } from "@/app/_lib/auth/page";
import { pageTitle } from "@/app/_lib/i18n/page-title";
import { AnnotateWorkspace } from "../_components/annotate-workspace";

export const dynamic = "force-dynamic";

export const generateMetadata = (): Promise<Metadata> => pageTitle("annotate.pageTitle.workspace");

export default async function AnnotatePage({ params }: { params: Promise<{ projectId: string }> }) {
  const caller = await requirePageCaller(["ANNOTATOR"]);
  const { projectId } = await params;
  return <AnnotateWorkspace projectId={projectId} email={caller.email} />;
}
