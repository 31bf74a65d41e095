// /admin/agents — trainer agents: create a token (shown once), see hosts and last contact, revoke (admin).
import { requirePageCaller } from "@/app/_lib/auth/page";
import { AgentsAdmin } from "./agents-admin";

export default async function AgentsPage() {
  await requirePageCaller(["ADMIN"]);
  return <AgentsAdmin />;
}
