// /adjudicate/[projectId]/[itemId] — compare the rankings of one disputed item and set its final order.
import { requirePageCaller } from "@/app/_lib/auth/page";
import { AdjudicationWorkspace } from "../../_components/adjudication-workspace";
import type { Metadata } from "next";
import { pageTitle } from "@/app/_lib/i18n/page-title";

export const generateMetadata = (): Promise<Metadata> => pageTitle("titles.adjudicateItem");

export const dynamic = "force-dynamic";

export default async function AdjudicationItemPage({ params }: { params: Promise<{ projectId: string; itemId: string }> }) {
  await requirePageCaller(["ADJUDICATOR"]);
  const { projectId, itemId } = await params;
  return <AdjudicationWorkspace projectId={projectId} itemId={itemId} />;
}
