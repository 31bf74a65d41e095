// /admin/evaluations/new — build an evaluation set from held-out project turns, the safety probes or a file (admin).
import type { Metadata } from "next";
import { requirePageCaller } from "@/app/_lib/auth/page";
import { pageTitle } from "@/app/_lib/i18n/page-title";
import { NewEvalSetForm } from "../_components/new-eval-set-form";

export const generateMetadata = (): Promise<Metadata> => pageTitle("evalSets.title.new");

export default async function NewEvaluationPage() {
  await requirePageCaller(["ADMIN"]);
  return <NewEvalSetForm />;
}
