// /admin/runs/new?kind=RM|PPO|SAMPLE[&projectId=…][&clone=<run id>][&rewardRunId=…] — launch a run (admin).
// The query names the context the admin came from: the form starts from it.
import { requirePageCaller } from "@/app/_lib/auth/page";
import { LaunchForm } from "../_components/launch-form";
import type { Metadata } from "next";
import { pageTitle } from "@/app/_lib/i18n/page-title";

export const generateMetadata = (): Promise<Metadata> => pageTitle("titles.runNew");

type Search = { kind?: string; projectId?: string; clone?: string; rewardRunId?: string };

export default async function NewRunPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePageCaller(["ADMIN"]);
  const { kind, projectId, clone, rewardRunId } = await searchParams;
  const initial = kind === "PPO" || kind === "SAMPLE" ? kind : rewardRunId ? "PPO" : "RM";
  return <LaunchForm initialKind={initial} projectId={projectId} cloneId={clone} rewardRunId={rewardRunId} />;
}
