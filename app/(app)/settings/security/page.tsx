// /settings/security — change one's password, sign out everywhere.
import { requirePageCaller } from "@/app/_lib/auth/page";
import { getT } from "@/app/_lib/i18n/server";
import { ChangePasswordForm } from "@/app/login/change-password/change-password-form";
import { SignOutEverywhere } from "./sign-out-everywhere";
import type { Metadata } from "next";
import { pageTitle } from "@/app/_lib/i18n/page-title";

export const generateMetadata = (): Promise<Metadata> => pageTitle("titles.security");

export default async function SecurityPage() {
  const caller = await requirePageCaller();
  const t = await getT();
  return (
    <div className="stack">
      <h1>{t("auth.sessions.title")}</h1>
      <section className="card stack" aria-labelledby="password-heading" style={{ maxWidth: 480 }}>
        <h2 id="password-heading">{t("auth.sessions.password")}</h2>
        <p className="muted">{t("auth.change.introVoluntary")}</p>
        <ChangePasswordForm email={caller.email} after="/settings/security" />
      </section>
      <section className="card stack" aria-labelledby="everywhere-heading" style={{ maxWidth: 480 }}>
        <h2 id="everywhere-heading">{t("auth.sessions.everywhere")}</h2>
        <p className="muted">{t("auth.sessions.everywhereIntro")}</p>
        <SignOutEverywhere />
      </section>
    </div>
  );
}
