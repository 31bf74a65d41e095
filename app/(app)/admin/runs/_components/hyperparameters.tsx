"use client";
// The main hyperparameters of a run kind, as inputs named by the trainer's own config keys.
// Defaults come from the launch schema (which mirrors the trainer's defaults).
import { useT } from "@/app/_components/i18n-provider";
import styles from "./runs.module.css";

export type ParamValues = Record<string, string | boolean>;

/** Form values (strings from inputs) → the config object the schema checks. */
export function toConfig(values: ParamValues): Record<string, number | boolean | string> {
  const out: Record<string, number | boolean | string> = {};
  for (const [k, v] of Object.entries(values)) out[k] = typeof v === "boolean" ? v : v.trim() === "" ? v : Number(v);
  return out;
}

export function fromDefaults(defaults: Record<string, unknown>): ParamValues {
  const out: ParamValues = {};
  for (const [k, v] of Object.entries(defaults)) out[k] = typeof v === "boolean" ? v : String(v);
  return out;
}

export function Hyperparameters(props: { values: ParamValues; onChange: (v: ParamValues) => void; errors: Record<string, string> }) {
  const t = useT();
  return (
    <fieldset className="card stack" style={{ border: "1px solid var(--border)" }}>
      <legend>{t("runs.form.hyperparameters")}</legend>
      <div className={styles.params}>
        {Object.entries(props.values).map(([key, value]) => {
          const id = `param-${key}`;
          const error = props.errors[`config.${key}`];
          return typeof value === "boolean" ? (
            <label key={key} className="row" style={{ gap: "0.4rem" }} htmlFor={id}>
              <input id={id} type="checkbox" checked={value} onChange={(e) => props.onChange({ ...props.values, [key]: e.target.checked })} />
              <span className={styles.mono}>{key}</span>
            </label>
          ) : (
            <div key={key} className="field">
              <label htmlFor={id} className={styles.mono}>
                {key}
              </label>
              <input
                id={id}
                inputMode="decimal"
                value={value}
                aria-invalid={error ? true : undefined}
                onChange={(e) => props.onChange({ ...props.values, [key]: e.target.value })}
              />
              {error ? <span className="error">{error}</span> : <span className="hint">{t(`runs.param.${key}`)}</span>}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
