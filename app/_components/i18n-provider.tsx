"use client";
// Client-side translations: useT() gives t("area.key", vars); useLocale() the current locale.
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useMemo } from "react";
import { LOCALE_COOKIE, type Locale } from "@/app/_lib/i18n/locales";
import { type Translate, translator } from "@/app/_lib/i18n/translate";

const I18nContext = createContext<{ locale: Locale; t: Translate }>({ locale: "zh", t: translator("zh") });

export function I18nProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const value = useMemo(() => ({ locale, t: translator(locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useT = () => useContext(I18nContext).t;
export const useLocale = () => useContext(I18nContext).locale;

export function useSetLocale() {
  const router = useRouter();
  return useCallback(
    (locale: Locale) => {
      document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
      router.refresh();
    },
    [router],
  );
}
