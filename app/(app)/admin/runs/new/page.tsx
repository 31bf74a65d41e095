// /admin/runs/new?kind=RM|PPO|SAMPLE — launch a run (admin).
import { requirePageCaller } from "@/app/_lib/auth/page";
import { LaunchForm } from "../_components/launch-form";

export default async function NewRunPage({ searchParams }: { searchParams: Promise<{ kind?: string }> }) {
  await requirePageCaller(["ADMIN"]);
  const { kind } = await searchParams;
  const initial = kind === "PPO" || kind === "SAMPLE" ? kind : "RM";
  return <LaunchForm initialKind={initial} />;
}
