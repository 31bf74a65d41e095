"use client";
import { QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import type { Locale } from "@/app/_lib/i18n/locales";
import { createQueryClient } from "@/app/_lib/query/query-client";
import { I18nProvider } from "./i18n-provider";

export function Providers({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider locale={locale}>{children}</I18nProvider>
    </QueryClientProvider>
  );
}
