// /judge/[evalSetId] — judge one blind comparison after another in an evaluation set.
import type { Metadata } from "next";
import { requirePageCaller } from "@/app/_lib/auth/page";
import { pageTitle } from "@/app/_lib/i18n/page-title";
import { JudgeWorkspace } from "../_components/judge-workspace";

export const dynamic = "force-dynamic";

export const generateMetadata = (): Promise<Metadata> => pageTitle("judge.pageTitle.workspace");

export default async function JudgePage({ params }: { params: Promise<{ evalSetId: string }> }) {
  const caller = await requirePageCaller(["JUDGE"]);
  const { evalSetId } = await params;
  return <JudgeWorkspace evalSetId={evalSetId} email={caller.email} />;
}
