// /admin/evaluations/[evalSetId] — one evaluation set: prompts, systems and their answers, add a system (admin).
import type { Metadata } from "next";
import { requirePageCaller } from "@/app/_lib/auth/page";
import { pageTitle } from "@/app/_lib/i18n/page-title";
import { EvalSetDetail } from "../_components/eval-set-detail";

export const generateMetadata = (): Promise<Metadata> => pageTitle("evalSets.title.detail");

export default async function EvaluationSetPage({ params }: { params: Promise<{ evalSetId: string }> }) {
  await requirePageCaller(["ADMIN"]);
  const { evalSetId } = await params;
  return <EvalSetDetail evalSetId={evalSetId} />;
}
