// /admin/evaluations — evaluation sets: list, link to create one (admin).
import type { Metadata } from "next";
import { requirePageCaller } from "@/app/_lib/auth/page";
import { pageTitle } from "@/app/_lib/i18n/page-title";
import { EvalSetsList } from "./_components/eval-sets-list";

export const generateMetadata = (): Promise<Metadata> => pageTitle("evalSets.title.list");

export default async function EvaluationsPage() {
  await requirePageCaller(["ADMIN"]);
  return <EvalSetsList />;
}
