"use client";
// The frame of every signed-in page: navigation for the caller's roles, language switch, sign-out.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { useLocale, useSetLocale, useT } from "./i18n-provider";
import styles from "./app-shell.module.css";

type Role = "ANNOTATOR" | "ADJUDICATOR" | "ADMIN" | "JUDGE";
const NAV: { href: string; key: string; roles: Role[] }[] = [
  { href: "/annotate", key: "common.nav.annotate", roles: ["ANNOTATOR"] },
  { href: "/adjudicate", key: "common.nav.adjudicate", roles: ["ADJUDICATOR"] },
  { href: "/judge", key: "common.nav.judge", roles: ["JUDGE"] },
  { href: "/admin/projects", key: "common.nav.projects", roles: ["ADMIN"] },
  { href: "/admin/users", key: "common.nav.users", roles: ["ADMIN"] },
  { href: "/admin/runs", key: "common.nav.runs", roles: ["ADMIN"] },
  { href: "/admin/reward-models", key: "common.nav.rewardModels", roles: ["ADMIN"] },
  { href: "/admin/evaluations", key: "common.nav.evaluations", roles: ["ADMIN"] },
  { href: "/admin/agents", key: "common.nav.agents", roles: ["ADMIN"] },
  { href: "/admin/audit", key: "common.nav.audit", roles: ["ADMIN"] },
];

export function AppShell({ user, children }: { user: { name: string; roles: Role[] }; children: React.ReactNode }) {
  const t = useT();
  const locale = useLocale();
  const setLocale = useSetLocale();
  const pathname = usePathname();
  const items = NAV.filter((n) => n.roles.some((r) => user.roles.includes(r)));
  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <Link href="/" className={styles.brand}>
          {t("common.appName")}
        </Link>
        <nav className={styles.nav} aria-label="main">
          {items.map((n) => (
            <Link key={n.href} href={n.href} aria-current={pathname.startsWith(n.href) ? "page" : undefined}>
              {t(n.key)}
            </Link>
          ))}
          <Link href="/settings/tokens" aria-current={pathname.startsWith("/settings") ? "page" : undefined}>
            {t("common.nav.tokens")}
          </Link>
        </nav>
        <div className={styles.tools}>
          <span className="muted" data-testid="current-user">
            {user.name}
          </span>
          <button type="button" className="btn" onClick={() => setLocale(locale === "zh" ? "en" : "zh")}>
            {t("common.nav.language")}
          </button>
          <button type="button" className="btn" onClick={() => signOut({ callbackUrl: "/login" })}>
            {t("common.nav.signOut")}
          </button>
        </div>
      </header>
      <main className={styles.main}>{children}</main>
    </div>
  );
}
