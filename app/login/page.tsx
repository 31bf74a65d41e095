// /login — e-mail + password and, when configured, hospital single sign-on. Sign-in refusals
// (`?error=`) are shown here in the user's language; `?callbackUrl=` is kept, same-origin only.
import { redirect } from "next/navigation";
import { getCaller } from "@/app/_lib/auth/caller";
import { safeCallbackPath } from "@/app/_lib/auth/safe-callback";
import { oidcEnabled, getEnv } from "@/app/_lib/env";
import { LoginForm } from "./login-form";
import type { Metadata } from "next";
import { pageTitle } from "@/app/_lib/i18n/page-title";

export const generateMetadata = (): Promise<Metadata> => pageTitle("titles.login");

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const { callbackUrl } = await searchParams;
  if (await getCaller()) redirect(safeCallbackPath(typeof callbackUrl === "string" ? callbackUrl : null));
  return <LoginForm sso={oidcEnabled() ? getEnv().OIDC_NAME : null} />;
}
