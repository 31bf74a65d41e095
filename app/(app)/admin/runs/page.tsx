// /admin/runs — training runs: list, filters, pick several to compare, launch new ones (admin).
import { requirePageCaller } from "@/app/_lib/auth/page";
import { RunsList } from "./_components/runs-list";
import type { Metadata } from "next";
import { pageTitle } from "@/app/_lib/i18n/page-title";

export const generateMetadata = (): Promise<Metadata> => pageTitle("titles.runs");

export default async function RunsPage() {
  await requirePageCaller(["ADMIN"]);
  return <RunsList />;
}
