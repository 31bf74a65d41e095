"use client";
// The ranking rubric (Zhongjing Table 2) beside every ranking: abilities in priority order, in the
// reader's language, with the other language one toggle away (a bilingual team reads the same
// criteria). Each ability has an anchor (rubric-<flag>) that the flags on the answers link to.
import { useState } from "react";
import type { Locale } from "@/app/_lib/i18n/locales";
import { RUBRIC, type FlagCode } from "@/app/_lib/ranking/rubric";
import { useLocale, useT } from "./i18n-provider";
import styles from "./rubric.module.css";

export const rubricAnchor = (flag: FlagCode) => `rubric-${flag}`;

/** The 1-based priority of each ability, as numbered in the rubric (flags link to "criterion n"). */
export const rubricNumber = (flag: FlagCode): number => RUBRIC.flatMap((d) => d.abilities).findIndex((a) => a.flag === flag) + 1;

export function Rubric({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const [shown, setShown] = useState<Locale>(locale);
  const other: Locale = shown === "zh" ? "en" : "zh";
  let n = 0;
  return (
    <section className={styles.rubric} aria-labelledby="rubric-title" lang={shown === "zh" ? "zh-CN" : "en"}>
      <div className={styles.head}>
        <h2 id="rubric-title" className={styles.title}>
          {t("annotate.rubric.title")}
        </h2>
        <button type="button" className={styles.toggle} onClick={() => setShown(other)} aria-pressed={shown !== locale} lang={other === "zh" ? "zh-CN" : "en"}>
          {other === "zh" ? "中文" : "English"}
        </button>
      </div>
      <p className={styles.hint}>{t("annotate.rubric.priority")}</p>
      {RUBRIC.map((d) => (
        <div key={d.dimension.en} className={styles.dimension}>
          <h3 className={styles.dimensionName}>{d.dimension[shown]}</h3>
          <ol className={styles.abilities} start={n + 1}>
            {d.abilities.map((a) => {
              n++;
              return (
                <li key={a.flag} id={rubricAnchor(a.flag)} className={styles.ability} tabIndex={-1}>
                  <strong>{a.ability[shown]}</strong>
                  {!compact && <div>{a.description[shown]}</div>}
                  <div className={styles.flag}>
                    {t("annotate.rubric.flag")} <span className={styles.flagName}>{a.flagLabel[shown]}</span>
                  </div>
                </li>
              );
            })}
          </ol>
        </div>
      ))}
    </section>
  );
}
