// /admin/reward-models — trained reward models in the app: run, snapshot, size, formats, status,
// held-out figures; register an exported folder; delete (admin).
import type { Metadata } from "next";
import { requirePageCaller } from "@/app/_lib/auth/page";
import { pageTitle } from "@/app/_lib/i18n/page-title";
import { RewardModelsAdmin } from "./reward-models-admin";

export const generateMetadata = (): Promise<Metadata> => pageTitle("rewardModels.pageTitle");

export default async function RewardModelsPage() {
  await requirePageCaller(["ADMIN"]);
  return <RewardModelsAdmin />;
}
