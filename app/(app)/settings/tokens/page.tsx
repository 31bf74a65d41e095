// /settings/tokens — the signed-in user's personal API tokens.
import { requirePageCaller } from "@/app/_lib/auth/page";
import { TokensView } from "./tokens-view";
import type { Metadata } from "next";
import { pageTitle } from "@/app/_lib/i18n/page-title";

export const generateMetadata = (): Promise<Metadata> => pageTitle("titles.tokens");

export default async function TokensPage() {
  await requirePageCaller();
  return <TokensView />;
}
