// /adjudicate — projects with disputed items the adjudicator may settle.
import Link from "next/link";
import { listAdjudicationProjects } from "@/app/_lib/adjudication/list-adjudication-queue";
import { requirePageCaller } from "@/app/_lib/auth/page";
import { getT } from "@/app/_lib/i18n/server";
import type { Metadata } from "next";
import { pageTitle } from "@/app/_lib/i18n/page-title";

export const generateMetadata = (): Promise<Metadata> => pageTitle("titles.adjudicateProjects");

export const dynamic = "force-dynamic";

export default async function AdjudicateProjectsPage() {
  const caller = await requirePageCaller(["ADJUDICATOR"]);
  const t = await getT();
  const projects = await listAdjudicationProjects({ adjudicatorId: caller.id });
  return (
    <div className="stack">
      <h1>{t("adjudicate.projects.title")}</h1>
      {projects.length === 0 ? (
        <p className="card muted" data-testid="adjudication-none">
          {t("adjudicate.projects.none")}
        </p>
      ) : (
        <div className="grid">
          {projects.map((p) => (
            <Link key={p.id} href={`/adjudicate/${p.id}`} className="card">
              <strong>{p.name}</strong>
              <div>
                <span className="badge badge-warn">{t("adjudicate.projects.pending", { n: p.pending })}</span>
              </div>
            </Link>
          ))}
        </div>
      )}
    </div>
  );
}
