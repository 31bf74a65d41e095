// Start page: where each role goes next.
import Link from "next/link";
import { requirePageCaller } from "@/app/_lib/auth/page";
import { getT } from "@/app/_lib/i18n/server";
import type { Metadata } from "next";
import { pageTitle } from "@/app/_lib/i18n/page-title";

export const generateMetadata = (): Promise<Metadata> => pageTitle("titles.home");

const START: Record<string, { href: string; key: string }> = {
  ANNOTATOR: { href: "/annotate", key: "common.nav.annotate" },
  ADJUDICATOR: { href: "/adjudicate", key: "common.nav.adjudicate" },
  JUDGE: { href: "/judge", key: "common.nav.judge" },
  ADMIN: { href: "/admin/projects", key: "common.nav.projects" },
};

export default async function HomePage() {
  const caller = await requirePageCaller();
  const t = await getT();
  return (
    <div className="stack">
      <h1>{t("common.home.welcome", { name: caller.name })}</h1>
      <p className="muted">{t("common.tagline")}</p>
      {caller.roles.length === 0 ? (
        <p>{t("common.home.nothing")}</p>
      ) : (
        <div className="grid">
          {caller.roles.map((role) => (
            <Link key={role} href={START[role].href} className="card">
              <strong>{t(`common.role.${role}`)}</strong>
              <div>{t(START[role].key)} →</div>
            </Link>
          ))}
        </div>
      )}
    </div>
  );
}
