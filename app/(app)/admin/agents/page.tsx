// /admin/agents — trainer agents: create a token (shown once), see hosts and last contact, revoke (admin).
import { requirePageCaller } from "@/app/_lib/auth/page";
import { AgentsAdmin } from "./agents-admin";
import type { Metadata } from "next";
import { pageTitle } from "@/app/_lib/i18n/page-title";

export const generateMetadata = (): Promise<Metadata> => pageTitle("titles.agents");

export default async function AgentsPage() {
  await requirePageCaller(["ADMIN"]);
  return <AgentsAdmin />;
}
