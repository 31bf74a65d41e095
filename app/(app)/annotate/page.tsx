// /annotate — the projects the annotator can rank in, with what is left for them.
import type { Metadata } from "next";
import Link from "next/link";
import { listAnnotationProjects } from "@/app/_lib/assignment/queue-stats";
import { requirePageCaller } from "@/app/_lib/auth/page";
import { pageTitle } from "@/app/_lib/i18n/page-title";
import { getT } from "@/app/_lib/i18n/server";

export const dynamic = "force-dynamic";

export const generateMetadata = (): Promise<Metadata> => pageTitle("annotate.pageTitle.projects");

export default async function AnnotateProjectsPage() {
  const caller = await requirePageCaller(["ANNOTATOR"]);
  const t = await getT();
  const projects = await listAnnotationProjects({ annotatorId: caller.id });
  return (
    <div className="stack">
      <h1>{t("annotate.projects.title")}</h1>
      {projects.length === 0 ? (
        <p className="card muted">{t("annotate.projects.none")}</p>
      ) : (
        <div className="grid">
          {projects.map((p) => (
            <Link key={p.id} href={`/annotate/${p.id}`} className="card" data-testid={`annotate-project-${p.id}`}>
              <strong>{p.name}</strong>
              {p.description && <div className="muted">{p.description}</div>}
              <div className="row">
                <span className={p.available > 0 ? "badge" : "badge badge-ok"}>{t("annotate.projects.available", { n: p.available })}</span>
                <span className="muted">{t("annotate.projects.submitted", { n: p.submitted })}</span>
              </div>
            </Link>
          ))}
        </div>
      )}
    </div>
  );
}
