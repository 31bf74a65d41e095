// /admin/runs/[runId] — one run: status, pinned inputs, progress with ETA, live charts, log tail, artifacts, cancel (admin).
import { requirePageCaller } from "@/app/_lib/auth/page";
import { RunView } from "../_components/run-view";
import type { Metadata } from "next";
import { pageTitle } from "@/app/_lib/i18n/page-title";

export const generateMetadata = (): Promise<Metadata> => pageTitle("titles.runDetail");

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  await requirePageCaller(["ADMIN"]);
  const { runId } = await params;
  return <RunView runId={runId} />;
}
