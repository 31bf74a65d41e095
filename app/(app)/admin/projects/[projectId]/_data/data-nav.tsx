"use client";
// Links between a project's dashboard, import and snapshot pages.
import Link from "next/link";
import { useT } from "@/app/_components/i18n-provider";

export function DataNav({ projectId, current }: { projectId: string; current: "import" | "snapshots" }) {
  const t = useT();
  const base = `/admin/projects/${encodeURIComponent(projectId)}`;
  return (
    <nav className="row" aria-label="project">
      <Link href={base}>← {t("data.nav.dashboard")}</Link>
      <Link href={`${base}/import`} aria-current={current === "import" ? "page" : undefined}>
        {t("data.nav.import")}
      </Link>
      <Link href={`${base}/snapshots`} aria-current={current === "snapshots" ? "page" : undefined}>
        {t("data.nav.snapshots")}
      </Link>
    </nav>
  );
}
