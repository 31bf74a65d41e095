// /settings/tokens — the signed-in user's personal API tokens.
import { requirePageCaller } from "@/app/_lib/auth/page";
import { TokensView } from "./tokens-view";

export default async function TokensPage() {
  await requirePageCaller();
  return <TokensView />;
}
