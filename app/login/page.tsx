import { redirect } from "next/navigation";
import { getCaller } from "@/app/_lib/auth/caller";
import { oidcEnabled, getEnv } from "@/app/_lib/env";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";

export default async function LoginPage() {
  if (await getCaller()) redirect("/");
  return <LoginForm sso={oidcEnabled() ? getEnv().OIDC_NAME : null} />;
}
