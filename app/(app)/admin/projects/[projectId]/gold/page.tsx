// /admin/projects/[projectId]/gold — gold items: the expected orders the queue checks annotators against (admin).
import type { Metadata } from "next";
import { requirePageCaller } from "@/app/_lib/auth/page";
import { pageTitle } from "@/app/_lib/i18n/page-title";
import { GoldPanel } from "./gold-panel";

export const generateMetadata = (): Promise<Metadata> => pageTitle("admin.gold.pageTitle");

export default async function GoldPage({ params }: { params: Promise<{ projectId: string }> }) {
  await requirePageCaller(["ADMIN"]);
  const { projectId } = await params;
  return <GoldPanel projectId={projectId} />;
}
