// Looks up "area.key" in a locale's messages and fills {placeholders}.
import { messages } from "./messages";
import type { Locale } from "./locales";

export type Vars = Record<string, string | number>;
export type Translate = (key: string, vars?: Vars) => string;

const flat: Record<Locale, Map<string, string>> = { zh: new Map(), en: new Map() };
for (const [area, m] of Object.entries(messages)) {
  for (const locale of ["zh", "en"] as const) {
    for (const [key, text] of Object.entries(m[locale])) flat[locale].set(`${area}.${key}`, text);
  }
}

export function translator(locale: Locale): Translate {
  return (key, vars) => {
    const text = flat[locale].get(key) ?? flat.zh.get(key) ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}
