// /admin/runs/compare?ids=a,b — several runs on the same charts, with their last values and configs (admin).
import { requirePageCaller } from "@/app/_lib/auth/page";
import { CompareView } from "../_components/compare-view";
import type { Metadata } from "next";
import { pageTitle } from "@/app/_lib/i18n/page-title";

export const generateMetadata = (): Promise<Metadata> => pageTitle("titles.runCompare");

export default async function ComparePage({ searchParams }: { searchParams: Promise<{ ids?: string }> }) {
  await requirePageCaller(["ADMIN"]);
  const { ids } = await searchParams;
  return <CompareView ids={(ids ?? "").split(",").map((s) => s.trim()).filter(Boolean).slice(0, 8)} />;
}
