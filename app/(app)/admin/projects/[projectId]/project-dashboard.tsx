"use client";
import Link from "next/link";
import { useT } from "@/app/_components/i18n-provider";
import { errorText } from "@/app/_components/query-view";
import { useDashboard } from "@/app/_hooks/use-dashboard";
import { AgreementSection } from "./agreement-section";
import { PositionBiasChart } from "./position-bias-chart";
import { ProgressSection } from "./progress-section";
import { QualitySection } from "./quality-section";
import { RmAgreementSection } from "./rm-agreement-section";
import { ThroughputSection } from "./throughput-section";
import styles from "./dashboard.module.css";

export function ProjectDashboardView({ projectId }: { projectId: string }) {
  const t = useT();
  const dashboard = useDashboard(projectId);
  if (dashboard.isPending) return <p className="muted">{t("common.loading")}</p>;
  if (dashboard.isError)
    return (
      <p className="error" role="alert">
        {errorText(dashboard.error)}
      </p>
    );
  const d = dashboard.data;
  const base = `/admin/projects/${d.project.id}`;
  return (
    <div className="stack">
      <Link href="/admin/projects">← {t("admin.projects.back")}</Link>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h1 style={{ margin: 0 }}>{t("admin.dash.title", { name: d.project.name })}</h1>
        <span className="muted">{t("admin.dash.refreshed", { time: new Date(d.generatedAt).toLocaleTimeString() })}</span>
      </div>
      <nav className="row" aria-label={d.project.name}>
        <Link className="btn" href={`${base}/settings`}>
          {t("admin.projects.settings")}
        </Link>
        <Link className="btn" href={`${base}/import`}>
          {t("admin.projects.import")}
        </Link>
        <Link className="btn" href={`${base}/snapshots`}>
          {t("admin.projects.snapshots")}
        </Link>
        <Link className="btn" href={`${base}/gold`}>
          {t("admin.gold.nav")}
        </Link>
        <Link className="btn" href={`/admin/runs?projectId=${encodeURIComponent(d.project.id)}`}>
          {t("admin.projects.runs")}
        </Link>
        <Link className="btn" href={`/admin/audit?projectId=${encodeURIComponent(d.project.id)}`}>
          {t("admin.projects.audit")}
        </Link>
      </nav>
      <div className={styles.grid}>
        <ProgressSection progress={d.progress} daily={d.daily} />
        <QualitySection quality={d.quality} people={d.people} projectId={d.project.id} goldRate={d.goldRate} />
        <ThroughputSection annotators={d.annotators} />
        <AgreementSection agreement={d.agreement} people={d.people} />
        <PositionBiasChart bias={d.positionBias} />
        <RmAgreementSection projectId={d.project.id} />
      </div>
    </div>
  );
}
