// /login/change-password — where every page sends a user who signed in with a one-time
// password (the first admin of a new installation) until they set their own.
import { redirect } from "next/navigation";
import { getCaller } from "@/app/_lib/auth/caller";
import { getT } from "@/app/_lib/i18n/server";
import styles from "../login.module.css";
import { ChangePasswordForm } from "./change-password-form";
import type { Metadata } from "next";
import { pageTitle } from "@/app/_lib/i18n/page-title";

export const generateMetadata = (): Promise<Metadata> => pageTitle("titles.changePassword");

export const dynamic = "force-dynamic";

export default async function ChangePasswordPage() {
  const caller = await getCaller(undefined, { allowPasswordChange: true });
  if (!caller) redirect("/login");
  if (!caller.mustChangePassword) redirect("/settings/security");
  const t = await getT();
  return (
    <main className={styles.page}>
      <div className={`card stack ${styles.form}`}>
        <h1 style={{ margin: 0 }}>{t("auth.change.title")}</h1>
        <p className="muted">{t("auth.change.intro")}</p>
        <ChangePasswordForm email={caller.email} after="/" />
      </div>
    </main>
  );
}
