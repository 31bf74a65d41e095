"use client";
import Link from "next/link";
import { useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { QueryView } from "@/app/_components/query-view";
import { useCreateProject, useProjects } from "@/app/_hooks/use-projects";
import { createProjectSchema } from "@/app/_lib/projects/create-project.schema";
import { ProgressBar } from "./progress-bar";
import { emptyProjectSettings, ProjectSettingsForm } from "./project-settings-form";

export function ProjectsAdmin() {
  const t = useT();
  const projects = useProjects();
  const create = useCreateProject();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<{ id: string; name: string } | null>(null);
  // a fresh form (empty fields) after each creation
  const [formKey, setFormKey] = useState(0);

  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h1 style={{ margin: 0 }}>{t("admin.projects.title")}</h1>
        <button type="button" className="btn btn-primary" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {t("admin.projects.create")}
        </button>
      </div>
      {created ? (
        <p className="success" role="status">
          <Link href={`/admin/projects/${created.id}`}>{t("admin.projects.created", { name: created.name })}</Link>
        </p>
      ) : null}
      {open ? (
        <section className="card stack" aria-labelledby="new-project-title">
          <h2 id="new-project-title">{t("admin.projects.create")}</h2>
          <ProjectSettingsForm
            key={formKey}
            idPrefix="new-project"
            initial={emptyProjectSettings}
            schema={createProjectSchema}
            submitLabel={t("admin.projects.create")}
            onSubmit={async (data) => {
              const project = await create.mutateAsync(data);
              setCreated({ id: project.id, name: project.name });
              setFormKey((k) => k + 1);
              setOpen(false);
            }}
          />
        </section>
      ) : null}
      <QueryView query={projects} empty={t("admin.projects.empty")}>
        {(data) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t("admin.projects.name")}</th>
                  <th>K</th>
                  <th>{t("admin.projects.annotatorsPerItem")}</th>
                  <th>{t("admin.projects.rule")}</th>
                  <th>{t("admin.projects.progress")}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link href={`/admin/projects/${p.id}`}>{p.name}</Link>
                      {p.description ? <div className="muted" style={{ fontSize: "0.85rem" }}>{p.description}</div> : null}
                    </td>
                    <td>{p.k}</td>
                    <td>{p.annotatorsPerItem}</td>
                    <td>
                      <span className="badge">{p.disagreementRule}</span>
                    </td>
                    <td style={{ minWidth: 200 }}>
                      <ProgressBar counts={p.itemCounts} />
                    </td>
                    <td>
                      <div className="row">
                        <Link href={`/admin/projects/${p.id}`}>{t("admin.projects.dashboard")}</Link>
                        <Link href={`/admin/projects/${p.id}/settings`}>{t("admin.projects.settings")}</Link>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </div>
  );
}
