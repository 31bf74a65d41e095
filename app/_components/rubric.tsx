"use client";
// The ranking rubric (Zhongjing Table 2) beside every ranking: abilities in
// priority order, the current language first and the other one beneath it, so a
// bilingual team reads the same criteria.
import { useLocale, useT } from "./i18n-provider";
import { RUBRIC } from "@/app/_lib/ranking/rubric";
import styles from "./rubric.module.css";

export function Rubric({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const other = locale === "zh" ? "en" : "zh";
  let n = 0;
  return (
    <section className={styles.rubric} aria-labelledby="rubric-title">
      <h2 id="rubric-title" className={styles.title}>
        {t("annotate.rubric.title")}
      </h2>
      <p className={styles.hint}>{t("annotate.rubric.priority")}</p>
      {RUBRIC.map((d) => (
        <div key={d.dimension.en} className={styles.dimension}>
          <h3 className={styles.dimensionName}>
            {d.dimension[locale]} <span className={styles.other}>{d.dimension[other]}</span>
          </h3>
          <ol className={styles.abilities} start={n + 1}>
            {d.abilities.map((a) => {
              n++;
              return (
                <li key={a.flag} className={styles.ability}>
                  <strong>{a.ability[locale]}</strong> <span className={styles.other}>{a.ability[other]}</span>
                  {!compact && (
                    <>
                      <div>{a.description[locale]}</div>
                      <div className={styles.other}>{a.description[other]}</div>
                    </>
                  )}
                </li>
              );
            })}
          </ol>
        </div>
      ))}
    </section>
  );
}
