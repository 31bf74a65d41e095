"use client";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { QueryView } from "@/app/_components/query-view";
import { type AuditFilter, useAuditActions, useAuditEntries } from "@/app/_hooks/use-audit";
import { useProjects } from "@/app/_hooks/use-projects";
import { useUsers } from "@/app/_hooks/use-users";

export function AuditLogView({ initial }: { initial: AuditFilter }) {
  const t = useT();
  const router = useRouter();
  const pathname = usePathname();
  const [filter, setFilter] = useState<AuditFilter>(initial);
  const entries = useAuditEntries(filter);
  const actions = useAuditActions();
  const users = useUsers();
  const projects = useProjects();

  // keep the filter in the address bar so a filtered view can be shared or reloaded
  function change(patch: Partial<AuditFilter>) {
    const next = { ...filter, ...patch };
    setFilter(next);
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) params.set(k, v);
    router.replace(params.size ? `${pathname}?${params}` : pathname, { scroll: false });
  }

  return (
    <div className="stack">
      <h1>{t("admin.audit.title")}</h1>
      <div className="card row" role="search">
        <div className="field">
          <label htmlFor="audit-action">{t("admin.audit.action")}</label>
          <select id="audit-action" value={filter.action ?? ""} onChange={(e) => change({ action: e.target.value || undefined })}>
            <option value="">{t("admin.audit.all")}</option>
            {(actions.data ?? []).map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-actor">{t("admin.audit.actor")}</label>
          <select id="audit-actor" value={filter.actorId ?? ""} onChange={(e) => change({ actorId: e.target.value || undefined })}>
            <option value="">{t("admin.audit.all")}</option>
            {(users.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-project">{t("admin.audit.project")}</label>
          <select id="audit-project" value={filter.projectId ?? ""} onChange={(e) => change({ projectId: e.target.value || undefined })}>
            <option value="">{t("admin.audit.all")}</option>
            {(projects.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <QueryView query={entries} empty={t("admin.audit.empty")} isEmpty={(data) => data.pages.every((p) => p.entries.length === 0)}>
        {(data) => (
          <>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>{t("admin.audit.time")}</th>
                    <th>{t("admin.audit.actor")}</th>
                    <th>{t("admin.audit.action")}</th>
                    <th>{t("admin.audit.entity")}</th>
                    <th>{t("admin.audit.project")}</th>
                    <th>{t("admin.audit.details")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.pages.flatMap((p) => p.entries).map((e) => (
                    <tr key={e.id}>
                      <td style={{ whiteSpace: "nowrap" }}>{new Date(e.createdAt).toLocaleString()}</td>
                      <td title={e.actor?.email}>{e.actor?.name ?? t("admin.audit.system")}</td>
                      <td>
                        <span className="badge">{e.action}</span>
                      </td>
                      <td>
                        {e.entityType}
                        <div className="muted" style={{ fontSize: "0.8rem", wordBreak: "break-all" }}>
                          {e.entityId}
                        </div>
                      </td>
                      <td>{e.projectName ?? ""}</td>
                      <td>
                        <code style={{ fontSize: "0.8rem", wordBreak: "break-all" }}>
                          {e.data && typeof e.data === "object" && Object.keys(e.data).length ? JSON.stringify(e.data) : ""}
                        </code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="row">
              {entries.hasNextPage ? (
                <button type="button" className="btn" disabled={entries.isFetchingNextPage} onClick={() => entries.fetchNextPage()}>
                  {entries.isFetchingNextPage ? t("common.loading") : t("admin.audit.loadMore")}
                </button>
              ) : (
                <span className="muted">{t("admin.audit.end")}</span>
              )}
            </div>
          </>
        )}
      </QueryView>
    </div>
  );
}
