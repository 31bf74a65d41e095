export const locales = ["zh", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "zh";
export const LOCALE_COOKIE = "medrank-locale";

export function toLocale(value: string | undefined | null): Locale {
  return value === "en" ? "en" : defaultLocale;
}
