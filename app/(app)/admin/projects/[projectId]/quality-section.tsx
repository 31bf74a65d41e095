"use client";
// Quality per annotator (app/_lib/metrics/quality.ts): every figure with its n and 95% Wilson
// interval; greyed out while n is below the minimum; an alert (listed on top, cell marked) only
// when the interval is clear of the limit.
import Link from "next/link";
import { useT } from "@/app/_components/i18n-provider";
import type { DashboardData } from "@/app/_hooks/use-dashboard";
import { QUALITY_LIMITS } from "@/app/_lib/metrics/quality";
import { pct } from "./format";
import styles from "./dashboard.module.css";

type Check = DashboardData["quality"]["annotators"][number]["fast"];
const CHECKS = ["fast", "displayOrder", "peerAgreement", "gold"] as const;

const interval = (c: Check) => (c.ci ? `${pct(c.ci.low)}–${pct(c.ci.high)}` : "—");

export function QualitySection({ quality, people, projectId, goldRate }: { quality: DashboardData["quality"]; people: DashboardData["people"]; projectId: string; goldRate: number }) {
  const t = useT();
  const name = new Map(people.map((p) => [p.id, p.name]));
  const alerts = quality.annotators.flatMap((a) =>
    CHECKS.filter((c) => a[c].alert).map((c) => ({ annotatorId: a.annotatorId, check: c, figure: a[c] })),
  );
  const limitText = (check: (typeof CHECKS)[number]) =>
    t(`admin.quality.limit.${check}`, {
      chance: pct(quality.displayOrderChance),
      baseline: pct(quality.peerBaseline),
      fastLimit: pct(QUALITY_LIMITS.fastShareLimit),
      goldLimit: pct(QUALITY_LIMITS.goldAccuracyLimit),
    });
  const fastSeconds = QUALITY_LIMITS.fastMs / 1000;

  return (
    <section className={`card stack ${styles.wide}`} aria-labelledby="dash-quality" data-testid="dash-quality">
      <h2 id="dash-quality">{t("admin.quality.title")}</h2>
      <p className="muted">{t("admin.quality.intro")}</p>
      {quality.annotators.length === 0 ? (
        <p className="muted">{t("admin.dash.noRankings")}</p>
      ) : (
        <>
          {alerts.length === 0 ? (
            <p className="success" role="status" data-testid="quality-no-alerts">
              {t("admin.quality.noAlerts")}
            </p>
          ) : (
            <ul className="stack" style={{ paddingLeft: "1.2rem", margin: 0 }} data-testid="quality-alerts">
              {alerts.map((a) => (
                <li key={`${a.annotatorId}-${a.check}`}>
                  <span className="badge badge-warn">{t("admin.quality.alert")}</span>{" "}
                  {t(`admin.quality.alertText.${a.check}`, {
                    name: name.get(a.annotatorId) ?? "?",
                    rate: pct(a.figure.rate),
                    ci: interval(a.figure),
                    n: a.figure.n,
                    limit: limitText(a.check),
                    s: fastSeconds,
                  })}
                </li>
              ))}
            </ul>
          )}
          <div className="table-wrap">
            <table className="table" data-testid="quality-table">
              <thead>
                <tr>
                  <th scope="col">{t("admin.dash.annotator")}</th>
                  {CHECKS.map((c) => (
                    <th key={c} scope="col">
                      {t(`admin.quality.check.${c}`, { s: fastSeconds })}
                      <div className="muted" style={{ fontWeight: 400, fontSize: "0.8rem" }}>
                        {limitText(c)}
                      </div>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {quality.annotators.map((a) => (
                  <tr key={a.annotatorId} data-testid={`quality-row-${name.get(a.annotatorId) ?? a.annotatorId}`}>
                    <th scope="row">{name.get(a.annotatorId) ?? "?"}</th>
                    {CHECKS.map((c) => (
                      <td key={c} className={a[c].alert ? styles.alertCell : a[c].enough ? undefined : styles.greyed} data-testid={`quality-${c}`}>
                        {a[c].n === 0 ? (
                          "—"
                        ) : (
                          <>
                            <strong>{pct(a[c].rate)}</strong> <span>({interval(a[c])})</span>
                            <div style={{ fontSize: "0.8rem" }}>
                              n = {a[c].n}
                              {c === "gold" ? ` · ${t("admin.quality.goldItems", { n: a.gold.items })}` : ""}
                              {a[c].enough ? "" : ` · ${t("admin.quality.tooFew")}`}
                            </div>
                          </>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p className="muted">
        {t("admin.quality.goldRate", { rate: pct(goldRate) })}{" "}
        <Link href={`/admin/projects/${encodeURIComponent(projectId)}/gold`}>{t("admin.quality.goldLink")}</Link>
      </p>
    </section>
  );
}
