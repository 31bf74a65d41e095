// /admin/evaluations/[evalSetId]/results — the expert verdicts of a pair of systems: win / tie /
// loss per dimension as stacked bars and as a table, intervals, sign test, κ, breakdowns, the
// reward model's verdict beside them, exports (admin). ?pairId= and ?rewardModelId= pick what is shown.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageCaller } from "@/app/_lib/auth/page";
import { db } from "@/app/_lib/db";
import { listPairs, loadPairData } from "@/app/_lib/evaluation/results/pair-results";
import { pageTitle } from "@/app/_lib/i18n/page-title";
import { ResultsView } from "./results-view";

export const dynamic = "force-dynamic";

export const generateMetadata = (): Promise<Metadata> => pageTitle("evalResults.pageTitle");

export default async function EvaluationResultsPage(props: { params: Promise<{ evalSetId: string }>; searchParams: Promise<{ pairId?: string; rewardModelId?: string }> }) {
  await requirePageCaller(["ADMIN"]);
  const { evalSetId } = await props.params;
  const search = await props.searchParams;
  const set = await db.evalSet.findUnique({
    where: { id: evalSetId },
    select: { id: true, name: true, systems: { select: { id: true, name: true, status: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
  });
  if (!set) notFound();
  const [pairs, rewardModels] = await Promise.all([
    listPairs(set.id),
    db.rewardModel.findMany({ where: { status: "READY" }, select: { id: true, name: true }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] }),
  ]);
  const pair = pairs.find((p) => p.id === search.pairId) ?? pairs[0] ?? null;
  const rewardModelId = rewardModels.some((m) => m.id === search.rewardModelId) ? search.rewardModelId! : null;
  const data = pair ? await loadPairData({ evalSetId: set.id, pairId: pair.id, rewardModelId }) : null;
  return (
    <ResultsView
      set={{ id: set.id, name: set.name }}
      systems={set.systems}
      pairs={pairs}
      rewardModels={rewardModels}
      rewardModelId={rewardModelId}
      data={data && { set: data.set, pair: data.pair, rewardModel: data.rewardModel, results: data.results }}
    />
  );
}
