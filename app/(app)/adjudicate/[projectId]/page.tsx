// /adjudicate/[projectId] — the queue of disputed items in a project.
import { requirePageCaller } from "@/app/_lib/auth/page";
import { AdjudicationQueueView } from "../_components/adjudication-queue";
import type { Metadata } from "next";
import { pageTitle } from "@/app/_lib/i18n/page-title";

export const generateMetadata = (): Promise<Metadata> => pageTitle("titles.adjudicateQueue");

export const dynamic = "force-dynamic";

export default async function AdjudicationQueuePage({ params }: { params: Promise<{ projectId: string }> }) {
  await requirePageCaller(["ADJUDICATOR"]);
  const { projectId } = await params;
  return <AdjudicationQueueView projectId={projectId} />;
}
