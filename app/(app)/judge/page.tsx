// /judge — the evaluation sets open to blind judging, with the judge's own progress.
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCaller } from "@/app/_lib/auth/page";
import { judgeSets } from "@/app/_lib/evaluation/judging/judge-sets";
import { pageTitle } from "@/app/_lib/i18n/page-title";
import { getT } from "@/app/_lib/i18n/server";

export const dynamic = "force-dynamic";

export const generateMetadata = (): Promise<Metadata> => pageTitle("judge.pageTitle.sets");

export default async function JudgeSetsPage() {
  const caller = await requirePageCaller(["JUDGE"]);
  const t = await getT();
  const sets = await judgeSets({ judgeId: caller.id });
  return (
    <div className="stack">
      <h1>{t("judge.sets.title")}</h1>
      <p className="muted">{t("judge.sets.intro")}</p>
      {sets.length === 0 ? (
        <p className="card muted">{t("judge.sets.none")}</p>
      ) : (
        <div className="grid">
          {sets.map((s) => (
            <Link key={s.id} href={`/judge/${s.id}`} className="card" data-testid={`judge-set-${s.id}`}>
              <strong>{s.name}</strong>
              <div className="row">
                <span className="badge">{t(s.multiTurn ? "judge.sets.multiTurn" : "judge.sets.singleTurn")}</span>
                <span className={s.open > 0 ? "badge" : "badge badge-ok"}>{t("judge.sets.open", { n: s.open })}</span>
                <span className="muted">{t("judge.sets.judged", { n: s.judged })}</span>
              </div>
            </Link>
          ))}
        </div>
      )}
    </div>
  );
}
