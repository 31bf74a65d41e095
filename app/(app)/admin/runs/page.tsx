// /admin/runs — training runs: list, filters, pick several to compare, launch new ones (admin).
import { requirePageCaller } from "@/app/_lib/auth/page";
import { RunsList } from "./_components/runs-list";

export default async function RunsPage() {
  await requirePageCaller(["ADMIN"]);
  return <RunsList />;
}
