"use client";
import Link from "next/link";
import { useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { errorText } from "@/app/_components/query-view";
import { useProject, useUpdateProject } from "@/app/_hooks/use-projects";
import { updateProjectSchema } from "@/app/_lib/projects/update-project.schema";
import { ProjectSettingsForm } from "../../project-settings-form";
import { RewardModelSettings } from "./reward-model-settings";

export function ProjectSettings({ projectId }: { projectId: string }) {
  const t = useT();
  const project = useProject(projectId);
  const update = useUpdateProject(projectId);
  const [saved, setSaved] = useState(false);

  if (project.isPending) return <p className="muted">{t("common.loading")}</p>;
  if (project.isError)
    return (
      <p className="error" role="alert">
        {errorText(project.error)}
      </p>
    );
  const p = project.data;
  return (
    <div className="stack">
      <div className="row">
        <Link href={`/admin/projects/${p.id}`}>← {t("admin.projects.dashboard")}</Link>
      </div>
      <h1>{t("admin.projects.settingsTitle", { name: p.name })}</h1>
      {saved ? (
        <p className="success" role="status">
          {t("admin.projects.saved")}
        </p>
      ) : null}
      <section className="card">
        <ProjectSettingsForm
          // re-mount with the stored values after each save
          key={`${p.id}-${p.k}-${p.annotatorsPerItem}-${p.name}`}
          idPrefix="project"
          initial={p}
          schema={updateProjectSchema}
          submitLabel={t("common.save")}
          locked={{
            k: p.itemCount > 0 ? t("admin.projects.kLocked", { count: p.itemCount }) : undefined,
            annotatorsPerItem: p.rankingCount > 0 ? t("admin.projects.annotatorsLocked", { count: p.rankingCount }) : undefined,
          }}
          onSubmit={async (data) => {
            setSaved(false);
            await update.mutateAsync(data);
            setSaved(true);
          }}
        />
      </section>
      <section className="card">
        <RewardModelSettings key={p.id} project={p} />
      </section>
    </div>
  );
}
